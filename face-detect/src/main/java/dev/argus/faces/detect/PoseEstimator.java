package dev.argus.faces.detect;

import java.util.List;

/**
 * Head pose from the five landmarks alone (pure, stateless).
 *
 * <ul>
 *   <li><b>Roll</b>: the angle of the line from the image-left eye to the image-right eye.</li>
 *   <li>The points are then turned by -roll about the eyes' midpoint, so yaw and pitch are read
 *       in the face's own upright frame, with {@code d} the distance between the eyes.</li>
 *   <li><b>Yaw</b>: {@code asin(u / 0.5)}, clamped, where {@code u} is the nose's horizontal
 *       offset from the eyes' midpoint over {@code d}. On a face turned fully sideways the nose
 *       sits about half an eye distance off centre, which is where the ratio saturates.</li>
 *   <li><b>Pitch</b>: from {@code r}, the nose's height between the eye line (0) and the mouth
 *       line (1). A level face has {@code r ≈} {@value #LEVEL_NOSE_RATIO}; each 0.01 off it counts
 *       as {@value #DEGREES_PER_HUNDREDTH}°, positive (face up) when the nose is nearer the eyes.</li>
 * </ul>
 * These are geometric estimates to fill Rekognition's Pose and to filter extreme poses, not
 * measurements.
 */
public final class PoseEstimator {

  /** Nose height between eye line and mouth line on a level, frontal face (YuNet landmarks). */
  static final double LEVEL_NOSE_RATIO = 0.55;
  /** Pitch degrees per 0.01 of nose-ratio change. */
  static final double DEGREES_PER_HUNDREDTH = 1.5;

  private PoseEstimator() {
  }

  /** @param points the five landmarks in {@link LandmarkType} order, pixels */
  public static Pose estimate(List<Point> points) {
    Point eyeL = points.get(LandmarkType.EYE_LEFT.ordinal());
    Point eyeR = points.get(LandmarkType.EYE_RIGHT.ordinal());
    Point nose = points.get(LandmarkType.NOSE.ordinal());
    Point mouthL = points.get(LandmarkType.MOUTH_LEFT.ordinal());
    Point mouthR = points.get(LandmarkType.MOUTH_RIGHT.ordinal());
    double dx = eyeR.x() - eyeL.x();
    double dy = eyeR.y() - eyeL.y();
    double rollRad = Math.atan2(dy, dx);
    double d = Math.max(Math.hypot(dx, dy), 1e-3);
    double cx = (eyeL.x() + eyeR.x()) / 2;
    double cy = (eyeL.y() + eyeR.y()) / 2;
    double cos = Math.cos(-rollRad);
    double sin = Math.sin(-rollRad);
    // Nose and mouth centre in the de-rolled frame, origin at the eyes' midpoint.
    double nx = (nose.x() - cx) * cos - (nose.y() - cy) * sin;
    double ny = (nose.x() - cx) * sin + (nose.y() - cy) * cos;
    double mxRaw = (mouthL.x() + mouthR.x()) / 2 - cx;
    double myRaw = (mouthL.y() + mouthR.y()) / 2 - cy;
    double my = mxRaw * sin + myRaw * cos;
    double yaw = Math.toDegrees(Math.asin(clamp(nx / d / 0.5, -1, 1)));
    double ratio = my > 1e-3 ? ny / my : LEVEL_NOSE_RATIO;
    double pitch = clamp((LEVEL_NOSE_RATIO - ratio) * 100 * DEGREES_PER_HUNDREDTH, -90, 90);
    return new Pose((float) Math.toDegrees(rollRad), (float) yaw, (float) pitch);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
