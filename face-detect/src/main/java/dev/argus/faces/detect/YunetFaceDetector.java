package dev.argus.faces.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.Comparator;
import dev.argus.faces.model.ModelBytes;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * {@link FaceDetector} on OpenCV's {@code FaceDetectorYN} with the shipped, SHA-256-verified YuNet
 * model (2023mar), loaded from bytes: nothing is extracted to disk.
 *
 * <p>Each output row of YuNet is 15 floats: box x, y, w, h; five landmarks (x, y), in YuNet's
 * order: the person's right eye, left eye, nose tip, right and left mouth corners; the score in
 * [0, 1]. The person's right eye is the image's left one, so YuNet's landmarks 0..4 map in order
 * to Rekognition's eyeLeft, eyeRight, nose, mouthLeft, mouthRight (left and right being the
 * image's, see {@link LandmarkType}). Scores become percentages.
 *
 * <p>Images whose longer side exceeds {@link Config#maxSide()} are shrunk for detection and the
 * results scaled back, which bounds the cost of a large photo.
 *
 * <p>Thread-safe. {@code FaceDetectorYN} is not, so the detector keeps a fixed pool of
 * {@link Config#instances()} native detectors; a call borrows one, and waits for one when all
 * are busy, which also bounds how many detections run at once.
 */
public final class YunetFaceDetector implements FaceDetector {

  /** Settings. Defaults: {@link #defaults()}. */
  public record Config(float scoreThreshold, float nmsThreshold, int topK, int instances, int maxSide) {

    /** The threshold at which the shipped model was verified: no false positives on the test set. */
    public static final float DEFAULT_SCORE_THRESHOLD = 0.8f;
    public static final float DEFAULT_NMS_THRESHOLD = 0.3f;
    public static final int DEFAULT_TOP_K = 5000;
    /** Detectors in the pool: one per core is enough, as OpenCV threads each call as well. */
    public static final int DEFAULT_INSTANCES = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Longer side an image is shrunk to before detection (faces below ~10 px are lost anyway). */
    public static final int DEFAULT_MAX_SIDE = 1920;

    public Config {
      if (!(scoreThreshold > 0 && scoreThreshold < 1) || !(nmsThreshold > 0 && nmsThreshold < 1)) {
        throw new IllegalArgumentException("thresholds must be in (0, 1)");
      }
      if (topK < 1 || instances < 1 || maxSide < 32) {
        throw new IllegalArgumentException("topK and instances must be positive, maxSide at least 32");
      }
    }

    public static Config defaults() {
      return new Config(DEFAULT_SCORE_THRESHOLD, DEFAULT_NMS_THRESHOLD, DEFAULT_TOP_K, DEFAULT_INSTANCES,
          DEFAULT_MAX_SIDE);
    }
  }

  /** YuNet output row: x, y, w, h, 5 × (x, y), score. */
  private static final int ROW_FLOATS = 15;
  private static final int INITIAL_SIZE = 320;

  private final Config config;
  /** Idle native detectors; exactly {@code config.instances()} exist until {@link #close()}. */
  private final BlockingQueue<FaceDetectorYN> idle;
  private final List<FaceDetectorYN> all;

  public YunetFaceDetector(Config config) {
    this.config = config;
    byte[] model = ModelBytes.yunet();
    this.idle = new ArrayBlockingQueue<>(config.instances());
    this.all = new ArrayList<>(config.instances());
    try (Size size = new Size(INITIAL_SIZE, INITIAL_SIZE)) {
      for (int i = 0; i < config.instances(); i++) {
        FaceDetectorYN detector = FaceDetectorYN.create("onnx", model, new byte[0], size,
            config.scoreThreshold(), config.nmsThreshold(), config.topK(), 0, 0);
        all.add(detector);
        idle.add(detector);
      }
    }
  }

  /** A detector with {@link Config#defaults()}. */
  public static YunetFaceDetector withDefaults() {
    return new YunetFaceDetector(Config.defaults());
  }

  @Override
  public List<DetectedFace> detect(Mat bgr) {
    if (bgr.empty() || bgr.channels() != 3) {
      throw new IllegalArgumentException("need a non-empty 3-channel BGR image, got " + bgr.channels() + " channels");
    }
    int longer = Math.max(bgr.cols(), bgr.rows());
    double scale = longer > config.maxSide() ? (double) config.maxSide() / longer : 1.0;
    float[] rows;
    if (scale < 1.0) {
      try (Mat small = new Mat();
           Size size = new Size((int) Math.round(bgr.cols() * scale), (int) Math.round(bgr.rows() * scale))) {
        resize(bgr, small, size, 0, 0, INTER_AREA);
        rows = run(small);
      }
    } else {
      rows = run(bgr);
    }
    List<DetectedFace> faces = new ArrayList<>(rows.length / ROW_FLOATS);
    for (int at = 0; at + ROW_FLOATS <= rows.length; at += ROW_FLOATS) {
      faces.add(toFace(bgr, rows, at, (float) (1 / scale)));
    }
    faces.sort(Comparator.comparingDouble(DetectedFace::confidence).reversed());
    return faces;
  }

  /** Runs one native detector over an image; returns its rows, flattened. */
  private float[] run(Mat image) {
    FaceDetectorYN detector = borrow();
    try (Mat out = new Mat(); Size size = new Size(image.cols(), image.rows())) {
      detector.setInputSize(size);
      detector.detect(image, out);
      if (out.empty()) {
        return new float[0];
      }
      float[] rows = new float[out.rows() * ROW_FLOATS];
      try (FloatIndexer indexer = out.createIndexer()) {
        for (int r = 0; r < out.rows(); r++) {
          for (int c = 0; c < ROW_FLOATS; c++) {
            rows[r * ROW_FLOATS + c] = indexer.get(r, c);
          }
        }
      }
      return rows;
    } finally {
      idle.add(detector);
    }
  }

  private FaceDetectorYN borrow() {
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a detector", e);
    }
  }

  private static DetectedFace toFace(Mat image, float[] rows, int at, float k) {
    float left = rows[at] * k;
    float top = rows[at + 1] * k;
    float width = Math.max(rows[at + 2] * k, 1f);
    float height = Math.max(rows[at + 3] * k, 1f);
    List<Point> points = new ArrayList<>(5);
    for (int i = 0; i < 5; i++) {
      points.add(new Point(rows[at + 4 + 2 * i] * k, rows[at + 5 + 2 * i] * k));
    }
    float confidence = Math.max(0f, Math.min(100f, rows[at + 14] * 100f));
    return new DetectedFace(image.cols(), image.rows(), left, top, width, height, points, confidence,
        PoseEstimator.estimate(points), QualityEstimator.measure(image, left, top, width, height));
  }

  @Override
  public void close() {
    for (FaceDetectorYN detector : all) {
      detector.close();
    }
    all.clear();
    idle.clear();
  }
}
