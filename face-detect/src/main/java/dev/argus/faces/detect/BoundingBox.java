package dev.argus.faces.detect;

/**
 * A face's box as Rekognition gives it: each member a ratio of the image's width or height,
 * measured from the top-left corner. Like Rekognition's, a box may reach slightly past the image
 * (a negative left, a right edge past 1) when the face is cut by the frame edge.
 *
 * @param width  box width / image width, positive
 * @param height box height / image height, positive
 * @param left   box left / image width
 * @param top    box top / image height
 */
public record BoundingBox(float width, float height, float left, float top) {

  public BoundingBox {
    if (!(width > 0) || !(height > 0) || !Float.isFinite(width) || !Float.isFinite(height)) {
      throw new IllegalArgumentException("box size must be positive and finite: " + width + "x" + height);
    }
    if (!Float.isFinite(left) || !Float.isFinite(top)) {
      throw new IllegalArgumentException("box origin must be finite: " + left + "," + top);
    }
  }

  /** The area as a fraction of the image's. */
  public float area() {
    return width * height;
  }
}
