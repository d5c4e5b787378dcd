package dev.argus.faces.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.argus.faces.testing.TestImages;
import dev.argus.faces.testing.TestImages.TimedFrame;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class YunetFaceDetectorTest {

  private static YunetFaceDetector detector;

  @BeforeAll
  static void open() {
    detector = YunetFaceDetector.withDefaults();
  }

  @AfterAll
  static void close() {
    detector.close();
  }

  @Test
  void findsGraceHopperWhereTheVerifiedRunDid() {
    try (Mat image = TestImages.decode("grace_hopper.jpg")) {
      List<DetectedFace> faces = detector.detect(image);
      assertThat(faces).hasSize(1);
      DetectedFace face = faces.get(0);
      // Verified reference run: score 0.943, box (183,120,170x212) on 512x600.
      assertThat(face.confidence()).isCloseTo(94.3f, within(1f));
      assertThat(face.left()).isCloseTo(183f, within(3f));
      assertThat(face.top()).isCloseTo(120f, within(3f));
      assertThat(face.width()).isCloseTo(170f, within(3f));
      assertThat(face.height()).isCloseTo(212f, within(3f));
      BoundingBox box = face.boundingBox();
      assertThat(box.left()).isCloseTo(183f / 512, within(0.01f));
      assertThat(box.top()).isCloseTo(120f / 600, within(0.01f));
      assertThat(box.width()).isCloseTo(170f / 512, within(0.01f));
    }
  }

  @Test
  void landmarksAreNamedFromTheImagesViewpoint() {
    try (Mat image = TestImages.decode("astronaut.png")) {
      List<DetectedFace> faces = detector.detect(image);
      assertThat(faces).hasSize(1);
      DetectedFace face = faces.get(0);
      assertThat(face.left()).isCloseTo(178f, within(3f));
      assertThat(face.width()).isCloseTo(90f, within(3f));
      List<Landmark> marks = face.landmarks();
      assertThat(marks).extracting(Landmark::type).containsExactly(LandmarkType.values());
      Landmark eyeLeft = marks.get(0);
      Landmark eyeRight = marks.get(1);
      Landmark nose = marks.get(2);
      Landmark mouthLeft = marks.get(3);
      Landmark mouthRight = marks.get(4);
      assertThat(eyeLeft.x()).isLessThan(eyeRight.x());
      assertThat(mouthLeft.x()).isLessThan(mouthRight.x());
      assertThat(nose.y()).isGreaterThan(eyeLeft.y()).isLessThan(mouthLeft.y());
      BoundingBox box = face.boundingBox();
      for (Landmark mark : marks) {
        assertThat(mark.x()).isBetween(box.left(), box.left() + box.width());
        assertThat(mark.y()).isBetween(box.top(), box.top() + box.height());
      }
    }
  }

  @Test
  void frontalPortraitsHaveSmallPoseAndUsableQuality() {
    for (String name : List.of("grace_hopper.jpg", "astronaut.png")) {
      try (Mat image = TestImages.decode(name)) {
        DetectedFace face = detector.detect(image).get(0);
        System.out.printf("%s: pose %s quality %s%n", name, face.pose(), face.quality());
        assertThat(Math.abs(face.pose().roll())).as(name + " roll").isLessThan(15f);
        assertThat(Math.abs(face.pose().yaw())).as(name + " yaw").isLessThan(30f);
        assertThat(Math.abs(face.pose().pitch())).as(name + " pitch").isLessThan(30f);
        assertThat(face.quality().brightness()).as(name + " brightness").isBetween(20f, 90f);
        assertThat(face.quality().sharpness()).as(name + " sharpness").isGreaterThan(20f);
      }
    }
  }

  @Test
  void countsFacesInEachSecondOfTheVideo() {
    List<TimedFrame> frames = TestImages.videoFrames(0.5, 1.0);
    assertThat(frames).hasSizeGreaterThanOrEqualTo(18);
    int checked = 0;
    try {
      for (TimedFrame frame : frames) {
        List<DetectedFace> faces = detector.detect(frame.bgr());
        System.out.printf("t=%.2f faces=%d %s%n", frame.seconds(), faces.size(),
            faces.stream().map(f -> String.format("x=%.0f c=%.1f", f.left(), f.confidence())).toList());
        TestImages.Shot shot = TestImages.shotAt(frame.seconds());
        if (shot != TestImages.Shot.NEAR_CUT) {
          checked++;
          assertThat(faces).as("faces at %.2f s", frame.seconds()).hasSize(shot == TestImages.Shot.BOTH ? 2 : 1);
        }
      }
    } finally {
      frames.forEach(f -> f.bgr().close());
    }
    assertThat(checked).isGreaterThanOrEqualTo(17);
  }

  @Test
  void servesConcurrentCallersFromItsPool() throws Exception {
    byte[] bytes = TestImages.bytes("grace_hopper.jpg");
    try (YunetFaceDetector small = new YunetFaceDetector(new YunetFaceDetector.Config(0.8f, 0.3f, 100, 2, 1920))) {
      List<Thread> threads = new java.util.ArrayList<>();
      java.util.concurrent.ConcurrentLinkedQueue<Integer> counts = new java.util.concurrent.ConcurrentLinkedQueue<>();
      for (int t = 0; t < 4; t++) {
        Thread thread = new Thread(() -> {
          for (int i = 0; i < 3; i++) {
            try (Mat image = dev.argus.faces.image.ImageDecoder.decode(bytes)) {
              counts.add(small.detect(image).size());
            }
          }
        });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(counts).hasSize(12).containsOnly(1);
    }
  }

  @Test
  void shrinksLargeImagesAndScalesResultsBack() {
    try (Mat image = TestImages.decode("grace_hopper.jpg");
         YunetFaceDetector capped = new YunetFaceDetector(new YunetFaceDetector.Config(0.8f, 0.3f, 100, 1, 300))) {
      DetectedFace face = capped.detect(image).get(0);
      assertThat(face.imageWidth()).isEqualTo(512);
      assertThat(face.left()).isCloseTo(183f, within(15f));
      assertThat(face.width()).isCloseTo(170f, within(15f));
    }
  }
}
