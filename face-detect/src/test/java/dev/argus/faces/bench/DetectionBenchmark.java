package dev.argus.faces.bench;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.detect.YunetFaceDetector;
import dev.argus.faces.embed.LbpFaceEmbedder;
import dev.argus.faces.testing.TestImages;
import dev.argus.faces.testing.TestImages.TimedFrame;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * YuNet detection of one real frame (bezos_vogels.mkv at 3.5 s, one face, resized), and LBP
 * embedding of the face found. {@code opencvThreads} is OpenCV's own thread count for one call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DetectionBenchmark {

  @Param({"640x480", "1280x720"})
  public String size;

  @Param({"1", "2"})
  public int opencvThreads;

  private YunetFaceDetector detector;
  private final LbpFaceEmbedder embedder = new LbpFaceEmbedder();
  private Mat frame;
  private DetectedFace face;

  @Setup(Level.Trial)
  public void setUp() {
    opencv_core.setNumThreads(opencvThreads);
    detector = new YunetFaceDetector(new YunetFaceDetector.Config(0.8f, 0.3f, 5000, 1, 1920));
    List<TimedFrame> frames = TestImages.videoFrames(3.5, 1000);
    String[] wh = size.split("x");
    frame = new Mat();
    try (Size target = new Size(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]))) {
      resize(frames.get(0).bgr(), frame, target, 0, 0, INTER_AREA);
    }
    frames.forEach(f -> f.bgr().close());
    List<DetectedFace> faces = detector.detect(frame);
    if (faces.size() != 1) {
      throw new IllegalStateException("expected one face, got " + faces.size());
    }
    face = faces.get(0);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    detector.close();
    frame.close();
  }

  @Benchmark
  public List<DetectedFace> detect() {
    return detector.detect(frame);
  }

  @Benchmark
  public float[] embedLbp() {
    return embedder.embed(frame, face);
  }
}
