package dev.argus.faces.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Brightness and sharpness of a face crop, each 0-100.
 *
 * <ul>
 *   <li><b>Brightness</b>: the crop's mean grey level, scaled from 0-255 to 0-100.</li>
 *   <li><b>Sharpness</b>: the variance {@code v} of the Laplacian of the crop resized to
 *       {@value #SHARPNESS_SIZE} pixels square (so the figure does not depend on the face's size),
 *       mapped to {@code 100 v / (v + }{@value #SHARPNESS_HALF}{@code )}: 50 at a variance of
 *       {@value #SHARPNESS_HALF}, tending to 100 for crisp crops and 0 for flat ones.</li>
 * </ul>
 * Stateless and thread-safe; each call allocates and frees its own native buffers.
 */
public final class QualityEstimator {

  static final int SHARPNESS_SIZE = 96;
  static final double SHARPNESS_HALF = 150;

  private QualityEstimator() {
  }

  /** Measures the part of {@code bgr} under the box, clipped to the image. */
  public static Quality measure(Mat bgr, float left, float top, float width, float height) {
    int x0 = clamp((int) Math.floor(left), 0, bgr.cols() - 1);
    int y0 = clamp((int) Math.floor(top), 0, bgr.rows() - 1);
    int x1 = clamp((int) Math.ceil(left + width), x0 + 1, bgr.cols());
    int y1 = clamp((int) Math.ceil(top + height), y0 + 1, bgr.rows());
    try (Rect rect = new Rect(x0, y0, x1 - x0, y1 - y0);
         Mat roi = new Mat(bgr, rect);
         Mat gray = new Mat();
         Mat small = new Mat();
         Mat lap = new Mat();
         Mat mean = new Mat();
         Mat std = new Mat();
         Size size = new Size(SHARPNESS_SIZE, SHARPNESS_SIZE)) {
      cvtColor(roi, gray, COLOR_BGR2GRAY);
      meanStdDev(gray, mean, std);
      double brightness = mean.ptr().getDouble() / 255.0 * 100;
      resize(gray, small, size, 0, 0, INTER_AREA);
      Laplacian(small, lap, CV_64F);
      meanStdDev(lap, mean, std);
      double sd = std.ptr().getDouble();
      double variance = sd * sd;
      double sharpness = 100 * variance / (variance + SHARPNESS_HALF);
      return new Quality((float) Math.min(100, Math.max(0, brightness)), (float) Math.min(100, sharpness));
    }
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
