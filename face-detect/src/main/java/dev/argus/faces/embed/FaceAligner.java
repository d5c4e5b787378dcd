package dev.argus.faces.embed;

import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffinePartial2D;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.detect.Point;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Aligns a face to a canonical {@value #SIZE}x{@value #SIZE} greyscale crop: the similarity
 * transform (rotation, uniform scale, translation) that best carries the five detected landmarks
 * onto {@link #TEMPLATE} (least squares, {@code estimateAffinePartial2D}), then
 * {@code warpAffine}. After alignment the eyes, nose and mouth sit at the same pixels in every
 * crop, so a descriptor can compare crops region by region.
 *
 * <p>Stateless and thread-safe.
 */
public final class FaceAligner {

  public static final int SIZE = 112;

  /**
   * Where the five landmarks go in a 112x112 crop, in {@link dev.argus.faces.detect.LandmarkType}
   * order (image-left eye, image-right eye, nose, image-left and image-right mouth corner): the
   * widely used five-point template for 112x112 face crops.
   */
  static final float[] TEMPLATE = {
      38.2946f, 51.6963f,
      73.5318f, 51.5014f,
      56.0252f, 71.7366f,
      41.5493f, 92.3655f,
      70.7299f, 92.2041f};

  private FaceAligner() {
  }

  /**
   * The aligned crop as {@value #SIZE}² grey levels, row-major.
   *
   * @throws IllegalArgumentException when the landmarks are degenerate (no transform exists)
   */
  public static byte[] alignGray(Mat bgr, DetectedFace face) {
    try (Mat from = new Mat(5, 1, CV_32FC2);
         Mat to = new Mat(5, 1, CV_32FC2);
         Mat gray = new Mat();
         Mat aligned = new Mat();
         Size size = new Size(SIZE, SIZE)) {
      try (FloatIndexer f = from.createIndexer(); FloatIndexer t = to.createIndexer()) {
        for (int i = 0; i < 5; i++) {
          Point p = face.points().get(i);
          f.put(i, 0, 0, p.x());
          f.put(i, 0, 1, p.y());
          t.put(i, 0, 0, TEMPLATE[2 * i]);
          t.put(i, 0, 1, TEMPLATE[2 * i + 1]);
        }
      }
      try (Mat transform = estimateAffinePartial2D(from, to)) {
        if (transform == null || transform.empty()) {
          throw new IllegalArgumentException("landmarks are degenerate; the face cannot be aligned");
        }
        cvtColor(bgr, gray, COLOR_BGR2GRAY);
        warpAffine(gray, aligned, transform, size, INTER_LINEAR, org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE,
            new org.bytedeco.opencv.opencv_core.Scalar(0.0));
      }
      byte[] pixels = new byte[SIZE * SIZE];
      try (UByteIndexer indexer = aligned.createIndexer()) {
        for (int y = 0; y < SIZE; y++) {
          for (int x = 0; x < SIZE; x++) {
            pixels[y * SIZE + x] = (byte) indexer.get(y, x);
          }
        }
      }
      return pixels;
    }
  }
}
