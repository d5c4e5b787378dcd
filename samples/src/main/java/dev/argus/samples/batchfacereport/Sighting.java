package dev.argus.samples.batchfacereport;

import java.util.Objects;

/**
 * One face seen in one analysed frame.
 *
 * @param timeSeconds    the frame's producer time, seconds after the first analysed fragment's start
 * @param fragmentNumber the fragment holding the frame
 * @param person         the best match's ExternalImageId, or {@link #UNKNOWN}
 * @param similarity     the best match's similarity (0-100), 0 for an unknown face
 * @param left           bounding box left, ratio of the frame width
 * @param top            bounding box top, ratio of the frame height
 * @param width          bounding box width ratio
 * @param height         bounding box height ratio
 */
public record Sighting(double timeSeconds, String fragmentNumber, String person, float similarity, float left,
                       float top, float width, float height) {

  public static final String UNKNOWN = "unknown";

  public Sighting {
    Objects.requireNonNull(fragmentNumber, "fragmentNumber");
    Objects.requireNonNull(person, "person");
    if (!(similarity >= 0 && similarity <= 100)) {
      throw new IllegalArgumentException("similarity must be 0-100: " + similarity);
    }
  }
}
