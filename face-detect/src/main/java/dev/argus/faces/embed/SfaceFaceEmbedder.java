package dev.argus.faces.embed;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.detect.Point;
import dev.argus.faces.model.ModelBytes;
import dev.argus.faces.model.ModelIntegrityException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_objdetect.FaceRecognizerSF;

/**
 * Embeddings from OpenCV Zoo's SFace network through {@code FaceRecognizerSF}: its own alignment
 * ({@code alignCrop} from the YuNet row) and a 128-float feature, made unit length.
 *
 * <p>Argus ships no SFace model (every variant is over 4 MiB). A user points Argus at a file,
 * and it is used only when its SHA-256 is one of {@link #ACCEPTED_SHA256}, the official OpenCV
 * Zoo files (fp32, int8, int8bq, fp16); anything else is a {@link ModelIntegrityException}.
 *
 * <p>Similarity: {@link #SCALE}, cosine 0 → 0 and 0.45 → 100, which puts SFace's published
 * same-person cosine threshold (0.363) at about 80, Rekognition's default. Not measured here:
 * no SFace model was available to this build.
 *
 * <p>Thread-safe: a fixed pool of native recognisers, as {@code FaceRecognizerSF} is not.
 */
public final class SfaceFaceEmbedder implements FaceEmbedder {

  public static final String MODEL_VERSION = "opencv-sface-2021dec";
  public static final int DIMENSION = 128;
  public static final SimilarityScale SCALE = new SimilarityScale(0.0, 0.45);
  /** SHA-256 of the official OpenCV Zoo SFace files: fp32, int8, int8bq, fp16. */
  public static final Set<String> ACCEPTED_SHA256 = Set.of(
      "0ba9fbfa01b5270c96627c4ef784da859931e02f04419c829e83484087c34e79",
      "2b0e941e6f16cc048c20aee0c8e31f569118f65d702914540f7bfdc14048d78a",
      "fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee",
      "f6abbfff9575e3041db692c1e29d782e995191888477fd59ebc81202d99fc63b");

  private final BlockingQueue<FaceRecognizerSF> idle;
  private final List<FaceRecognizerSF> all;

  private SfaceFaceEmbedder(byte[] model, int instances) {
    this.idle = new ArrayBlockingQueue<>(instances);
    this.all = new ArrayList<>(instances);
    for (int i = 0; i < instances; i++) {
      FaceRecognizerSF recognizer = FaceRecognizerSF.create("onnx", model, new byte[0], 0, 0);
      all.add(recognizer);
      idle.add(recognizer);
    }
  }

  /**
   * Loads and verifies the model file.
   *
   * @throws ModelIntegrityException when the file is missing, unreadable, too large or not one of
   *                                 the accepted SFace files
   */
  public static SfaceFaceEmbedder open(Path modelFile, int instances) {
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be positive");
    }
    return new SfaceFaceEmbedder(readVerified(modelFile), instances);
  }

  /** The model's bytes when they are an accepted SFace file; see {@link #open}. */
  static byte[] readVerified(Path modelFile) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(modelFile)) {
      bytes = in.readNBytes(ModelBytes.DEFAULT_MAX_MODEL_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new ModelIntegrityException("no SFace model at " + modelFile);
    } catch (IOException e) {
      throw new ModelIntegrityException("cannot read the SFace model at " + modelFile, e);
    }
    return ModelBytes.verify(modelFile.toString(), bytes, ACCEPTED_SHA256);
  }

  @Override
  public float[] embed(Mat bgr, DetectedFace face) {
    FaceRecognizerSF recognizer = borrow();
    try (Mat row = yunetRow(face); Mat aligned = new Mat(); Mat feature = new Mat()) {
      recognizer.alignCrop(bgr, row, aligned);
      recognizer.feature(aligned, feature);
      float[] out = new float[(int) feature.total()];
      try (FloatIndexer indexer = feature.createIndexer()) {
        for (int i = 0; i < out.length; i++) {
          out[i] = indexer.get(0, i);
        }
      }
      return Vectors.normalise(out);
    } finally {
      idle.add(recognizer);
    }
  }

  /** The face as the 1x15 row YuNet gave it: box, five landmarks in YuNet's order, score. */
  static Mat yunetRow(DetectedFace face) {
    Mat row = new Mat(1, 15, CV_32F);
    try (FloatIndexer indexer = row.createIndexer()) {
      indexer.put(0, 0, face.left());
      indexer.put(0, 1, face.top());
      indexer.put(0, 2, face.width());
      indexer.put(0, 3, face.height());
      for (int i = 0; i < 5; i++) {
        Point p = face.points().get(i);
        indexer.put(0, 4 + 2 * i, p.x());
        indexer.put(0, 5 + 2 * i, p.y());
      }
      indexer.put(0, 14, face.confidence() / 100f);
    }
    return row;
  }

  private FaceRecognizerSF borrow() {
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a recogniser", e);
    }
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public String modelVersion() {
    return MODEL_VERSION;
  }

  @Override
  public SimilarityScale scale() {
    return SCALE;
  }

  @Override
  public void close() {
    all.forEach(FaceRecognizerSF::close);
    all.clear();
    idle.clear();
  }
}
