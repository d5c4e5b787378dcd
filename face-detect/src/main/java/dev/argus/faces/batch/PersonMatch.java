package dev.argus.faces.batch;

import java.util.Objects;

/**
 * One collection face that a detected face matched.
 *
 * @param faceId          the matched face's FaceId
 * @param externalImageId its ExternalImageId, or null when it was indexed without one
 * @param similarity      0-100
 */
public record PersonMatch(String faceId, String externalImageId, float similarity) {

  public PersonMatch {
    Objects.requireNonNull(faceId, "faceId");
    if (!(similarity >= 0 && similarity <= 100)) {
      throw new IllegalArgumentException("similarity must be in [0, 100]: " + similarity);
    }
  }

  /** Who this is in a summary: the ExternalImageId when there is one, else the FaceId. */
  public String person() {
    return externalImageId != null && !externalImageId.isEmpty() ? externalImageId : faceId;
  }
}
