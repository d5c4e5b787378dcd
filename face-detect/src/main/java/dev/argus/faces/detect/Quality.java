package dev.argus.faces.detect;

/**
 * Image quality of a face crop, each 0-100 (higher is better), as Rekognition's ImageQuality.
 * See {@link QualityEstimator} for how each is measured.
 */
public record Quality(float brightness, float sharpness) {

  public Quality {
    if (!(brightness >= 0 && brightness <= 100)) {
      throw new IllegalArgumentException("brightness must be in [0, 100]: " + brightness);
    }
    if (!(sharpness >= 0 && sharpness <= 100)) {
      throw new IllegalArgumentException("sharpness must be in [0, 100]: " + sharpness);
    }
  }
}
