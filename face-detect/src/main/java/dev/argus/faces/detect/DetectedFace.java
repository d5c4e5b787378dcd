package dev.argus.faces.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One face found in one image: its geometry in pixels (for alignment and cropping) and the
 * Rekognition-shaped views of it ({@link #boundingBox()}, {@link #landmarks()}).
 *
 * @param imageWidth  width of the image it was found in, pixels
 * @param imageHeight height of that image, pixels
 * @param left        box left, pixels (may be negative at the image's edge)
 * @param top         box top, pixels
 * @param width       box width, pixels, positive
 * @param height      box height, pixels, positive
 * @param points      the five landmarks in {@link LandmarkType} order, pixels
 * @param confidence  detection score as a percentage, 0-100
 * @param pose        estimated head pose
 * @param quality     brightness and sharpness of the face crop
 */
public record DetectedFace(int imageWidth, int imageHeight, float left, float top, float width, float height,
                           List<Point> points, float confidence, Pose pose, Quality quality) {

  public DetectedFace {
    if (imageWidth <= 0 || imageHeight <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + imageWidth + "x" + imageHeight);
    }
    if (!(width > 0) || !(height > 0)) {
      throw new IllegalArgumentException("box size must be positive: " + width + "x" + height);
    }
    points = List.copyOf(points);
    if (points.size() != LandmarkType.values().length) {
      throw new IllegalArgumentException("need 5 landmarks, got " + points.size());
    }
    if (!(confidence >= 0 && confidence <= 100)) {
      throw new IllegalArgumentException("confidence must be in [0, 100]: " + confidence);
    }
    Objects.requireNonNull(pose, "pose");
    Objects.requireNonNull(quality, "quality");
  }

  public Point point(LandmarkType type) {
    return points.get(type.ordinal());
  }

  /** The box as ratios of the image's size. */
  public BoundingBox boundingBox() {
    return new BoundingBox(width / imageWidth, height / imageHeight, left / imageWidth, top / imageHeight);
  }

  /** The five landmarks as ratios of the image's size, in {@link LandmarkType} order. */
  public List<Landmark> landmarks() {
    List<Landmark> out = new ArrayList<>(points.size());
    for (LandmarkType type : LandmarkType.values()) {
      Point p = point(type);
      out.add(new Landmark(type, p.x() / imageWidth, p.y() / imageHeight));
    }
    return out;
  }

  /** Box area in pixels: "largest face" means the largest of these. */
  public float pixelArea() {
    return width * height;
  }
}
