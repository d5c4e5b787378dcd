package dev.argus.faces.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.detect.FaceDetector;
import dev.argus.faces.detect.YunetFaceDetector;
import dev.argus.faces.embed.LbpFaceEmbedder;
import dev.argus.faces.image.InvalidImageFormatException;
import dev.argus.faces.testing.TestImages;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class FaceAnalyzerTest {

  /** The real detector behind a gate, so the test decides when the pool frees up. */
  private static final class GatedDetector implements FaceDetector {
    final YunetFaceDetector real = YunetFaceDetector.withDefaults();
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public List<DetectedFace> detect(Mat bgr) {
      entered.countDown();
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return real.detect(bgr);
    }

    @Override
    public void close() {
      real.close();
    }
  }

  @Test
  void detectsAndEmbedsWhatTheCallerChooses() throws Exception {
    try (FaceAnalyzer analyzer = new FaceAnalyzer(YunetFaceDetector.withDefaults(), new LbpFaceEmbedder(), 1, 2)) {
      Analysis analysis = analyzer.analyze(TestImages.bytes("grace_hopper.jpg"), faces -> faces).get(30, TimeUnit.SECONDS);
      assertThat(analysis.imageWidth()).isEqualTo(512);
      assertThat(analysis.faces()).hasSize(1);
      assertThat(analysis.embedded()).hasSize(1);
      assertThat(analysis.embedded().get(0).embedding()).hasSize(LbpFaceEmbedder.DIMENSION);
      Analysis detectOnly = analyzer.analyze(TestImages.bytes("grace_hopper.jpg"), faces -> List.of())
          .get(30, TimeUnit.SECONDS);
      assertThat(detectOnly.faces()).hasSize(1);
      assertThat(detectOnly.embedded()).isEmpty();
    }
  }

  @Test
  void aBadImageFailsItsFutureNotThePool() throws Exception {
    try (FaceAnalyzer analyzer = new FaceAnalyzer(YunetFaceDetector.withDefaults(), new LbpFaceEmbedder(), 1, 2)) {
      CompletableFuture<Analysis> bad = analyzer.analyze(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3}, f -> f);
      assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(InvalidImageFormatException.class);
      assertThat(analyzer.analyze(TestImages.bytes("astronaut.png"), f -> f).get(30, TimeUnit.SECONDS).faces())
          .hasSize(1);
    }
  }

  @Test
  void refusesWorkPastItsThreadsAndQueue() throws Exception {
    GatedDetector detector = new GatedDetector();
    try (FaceAnalyzer analyzer = new FaceAnalyzer(detector, new LbpFaceEmbedder(), 1, 1)) {
      byte[] image = TestImages.bytes("grace_hopper.jpg");
      CompletableFuture<Analysis> running = analyzer.analyze(image, f -> f);
      assertThat(detector.entered.await(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Analysis> queued = analyzer.analyze(image, f -> f);
      assertThatThrownBy(() -> analyzer.analyze(image, f -> f)).isInstanceOf(AnalyzerBusyException.class);
      detector.gate.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS).faces()).hasSize(1);
      assertThat(queued.get(30, TimeUnit.SECONDS).faces()).hasSize(1);
    }
  }
}
