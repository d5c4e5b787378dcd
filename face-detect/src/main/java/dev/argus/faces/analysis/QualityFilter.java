package dev.argus.faces.analysis;

import dev.argus.faces.detect.DetectedFace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rekognition's QualityFilter: which detected faces are good enough to index or search (pure).
 * {@link #NONE} keeps every face; {@link #AUTO} is {@link #MEDIUM}. Each level sets a floor on
 * the face's shorter box side (pixels), detection confidence, sharpness and brightness, and a
 * ceiling on |yaw| and |pitch|; a face below any gets the matching reason.
 *
 * <table>
 *   <caption>floors and ceilings per level</caption>
 *   <tr><th>level</th><th>min side px</th><th>min confidence</th><th>min sharpness</th>
 *       <th>min brightness</th><th>max |yaw|, |pitch|</th></tr>
 *   <tr><td>LOW</td><td>20</td><td>80</td><td>5</td><td>5</td><td>75</td></tr>
 *   <tr><td>MEDIUM, AUTO</td><td>40</td><td>85</td><td>15</td><td>15</td><td>60</td></tr>
 *   <tr><td>HIGH</td><td>60</td><td>90</td><td>30</td><td>25</td><td>45</td></tr>
 * </table>
 */
public enum QualityFilter {
  NONE(0, 0, 0, 0, 180),
  AUTO(40, 85, 15, 15, 60),
  LOW(20, 80, 5, 5, 75),
  MEDIUM(40, 85, 15, 15, 60),
  HIGH(60, 90, 30, 25, 45);

  public static final String EXCEEDS_MAX_FACES = "EXCEEDS_MAX_FACES";
  public static final String EXTREME_POSE = "EXTREME_POSE";
  public static final String LOW_BRIGHTNESS = "LOW_BRIGHTNESS";
  public static final String LOW_SHARPNESS = "LOW_SHARPNESS";
  public static final String LOW_CONFIDENCE = "LOW_CONFIDENCE";
  public static final String SMALL_BOUNDING_BOX = "SMALL_BOUNDING_BOX";

  private final float minSide;
  private final float minConfidence;
  private final float minSharpness;
  private final float minBrightness;
  private final float maxAngle;

  QualityFilter(float minSide, float minConfidence, float minSharpness, float minBrightness, float maxAngle) {
    this.minSide = minSide;
    this.minConfidence = minConfidence;
    this.minSharpness = minSharpness;
    this.minBrightness = minBrightness;
    this.maxAngle = maxAngle;
  }

  /** Parses a request member; null means {@code fallback}. @throws IllegalArgumentException otherwise */
  public static QualityFilter parse(String value, QualityFilter fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT).equals(value) ? value : "?");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("QualityFilter must be NONE, AUTO, LOW, MEDIUM or HIGH, not " + value);
    }
  }

  /** The reasons this face fails the filter; empty when it passes. */
  public List<String> reasons(DetectedFace face) {
    List<String> reasons = new ArrayList<>(4);
    if (Math.abs(face.pose().yaw()) > maxAngle || Math.abs(face.pose().pitch()) > maxAngle) {
      reasons.add(EXTREME_POSE);
    }
    if (face.quality().brightness() < minBrightness) {
      reasons.add(LOW_BRIGHTNESS);
    }
    if (face.quality().sharpness() < minSharpness) {
      reasons.add(LOW_SHARPNESS);
    }
    if (face.confidence() < minConfidence) {
      reasons.add(LOW_CONFIDENCE);
    }
    if (Math.min(face.width(), face.height()) < minSide) {
      reasons.add(SMALL_BOUNDING_BOX);
    }
    return reasons;
  }
}
