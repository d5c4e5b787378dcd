package dev.argus.faces.detect;

/**
 * Head pose in degrees, each in [-180, 180] as Rekognition states its range.
 *
 * <p>Estimated from the five landmarks (see {@link PoseEstimator}), not from a 3-D model: roll is
 * exact up to landmark noise, yaw and pitch are rough (about ±15° on frontal-ish faces).
 *
 * @param roll  rotation in the image plane; positive when the eye line turns clockwise
 *              (the image-right eye lower than the image-left one)
 * @param yaw   turn about the vertical axis; positive when the nose sits to the image's right of
 *              the eyes' midpoint
 * @param pitch nod about the horizontal axis; positive when the face tilts up (the nose nearer
 *              the eye line than on a level face)
 */
public record Pose(float roll, float yaw, float pitch) {

  public Pose {
    check("roll", roll);
    check("yaw", yaw);
    check("pitch", pitch);
  }

  private static void check(String name, float degrees) {
    if (!(degrees >= -180 && degrees <= 180)) {
      throw new IllegalArgumentException(name + " must be in [-180, 180]: " + degrees);
    }
  }
}
