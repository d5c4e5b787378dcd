package dev.argus.faces.collection;

import dev.argus.faces.detect.BoundingBox;
import java.util.Objects;
import java.util.UUID;

/**
 * One indexed face, as Rekognition's {@code Face} plus its embedding.
 *
 * @param faceId          unique in its collection, assigned when indexed
 * @param imageId         the same for every face indexed from one IndexFaces call's image
 * @param externalImageId the caller's name for the image, or null
 * @param boundingBox     where the face was in that image
 * @param confidence      detection confidence, 0-100
 * @param embedding       unit-length embedding; shared, never modified after construction
 */
public record FaceRecord(UUID faceId, UUID imageId, String externalImageId, BoundingBox boundingBox,
                         float confidence, float[] embedding) {

  public FaceRecord {
    Objects.requireNonNull(faceId, "faceId");
    Objects.requireNonNull(imageId, "imageId");
    Objects.requireNonNull(boundingBox, "boundingBox");
    Objects.requireNonNull(embedding, "embedding");
    if (externalImageId != null) {
      ExternalImageIds.check(externalImageId);
    }
    if (!(confidence >= 0 && confidence <= 100)) {
      throw new IllegalArgumentException("confidence must be in [0, 100]: " + confidence);
    }
    if (embedding.length == 0) {
      throw new IllegalArgumentException("embedding is empty");
    }
  }
}
