package dev.argus.faces.batch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where one person was seen in the analysed video.
 *
 * @param person         ExternalImageId, or FaceId for a face indexed without one
 * @param faceIds        the collection faces that matched, sorted
 * @param firstSeen      timestamp of the first analysed frame in which the person matched
 * @param lastSeen       timestamp of the last one; not before {@code firstSeen}
 * @param frames         analysed frames in which the person matched (once per frame), at least 1
 * @param bestSimilarity the highest similarity of any of those matches, 0-100
 */
public record PersonSummary(String person, List<String> faceIds, Instant firstSeen, Instant lastSeen, long frames,
                            float bestSimilarity) {

  public PersonSummary {
    Objects.requireNonNull(person, "person");
    faceIds = List.copyOf(faceIds);
    if (lastSeen.isBefore(firstSeen) || frames < 1) {
      throw new IllegalArgumentException("a person is seen in at least one frame, last not before first");
    }
  }
}
