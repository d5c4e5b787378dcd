package dev.argus.faces.detect;

import java.util.Objects;

/**
 * A landmark as Rekognition gives it: x and y as ratios of the image's width and height.
 */
public record Landmark(LandmarkType type, float x, float y) {

  public Landmark {
    Objects.requireNonNull(type, "type");
    if (!Float.isFinite(x) || !Float.isFinite(y)) {
      throw new IllegalArgumentException("landmark must be finite: " + x + "," + y);
    }
  }
}
