package dev.argus.faces.detect;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds faces in an image.
 *
 * <p>Implementations must be thread-safe: one detector serves every request thread.
 */
public interface FaceDetector extends AutoCloseable {

  /**
   * Detects the faces in a decoded image.
   *
   * @param bgr an 8-bit, 3-channel BGR image (what OpenCV's imdecode gives); not modified, and
   *            not retained after the call
   * @return the faces, highest confidence first; empty when there are none
   */
  List<DetectedFace> detect(Mat bgr);

  /** Releases native resources; the detector must not be used afterwards. */
  @Override
  void close();
}
