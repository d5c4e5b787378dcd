package dev.argus.faces.detect;

/** A point in pixel coordinates of the image it was found in (x right, y down). */
public record Point(float x, float y) {

  public Point {
    if (!Float.isFinite(x) || !Float.isFinite(y)) {
      throw new IllegalArgumentException("point must be finite: " + x + "," + y);
    }
  }

  public double distanceTo(Point other) {
    return Math.hypot(other.x - x, other.y - y);
  }
}
