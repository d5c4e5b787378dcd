package dev.argus.faces.embed;

import dev.argus.faces.detect.DetectedFace;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns a detected face into an embedding: a unit-length vector whose cosine with another
 * embedding from the same embedder says how alike the two faces are.
 *
 * <p>Embeddings from different embedders (different {@link #modelVersion()}) are not comparable;
 * a face collection records the version it was built with.
 *
 * <p>Implementations must be thread-safe.
 */
public interface FaceEmbedder extends AutoCloseable {

  /**
   * @param bgr  the 8-bit BGR image the face was detected in; not modified or retained
   * @param face a face detected in that image
   * @return a vector of {@link #dimension()} floats with L2 norm 1
   */
  float[] embed(Mat bgr, DetectedFace face);

  int dimension();

  /** Names the embedding space, e.g. {@code argus-lbp-1}; stored with every collection. */
  String modelVersion();

  /** How this embedder's cosines map to Rekognition's 0-100 similarity. */
  SimilarityScale scale();

  @Override
  void close();
}
