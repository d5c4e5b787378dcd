package dev.argus.faces.collection;

import java.time.Instant;
import java.util.Objects;

/**
 * What DescribeCollection tells about a collection.
 *
 * @param collectionId     the caller's id
 * @param arn              {@code aws:rekognition:REGION:ACCOUNT:collection/ID}, as Rekognition writes it
 * @param createdAt        creation time, millisecond precision
 * @param faceModelVersion the embedder its faces were indexed with
 * @param dimension        that embedder's vector length
 * @param faceCount        faces in it now
 */
public record CollectionInfo(String collectionId, String arn, Instant createdAt, String faceModelVersion,
                             int dimension, long faceCount) {

  public CollectionInfo {
    ExternalImageIds.checkCollectionId(collectionId);
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(faceModelVersion, "faceModelVersion");
    if (dimension <= 0 || faceCount < 0) {
      throw new IllegalArgumentException("dimension must be positive and faceCount not negative");
    }
  }

  CollectionInfo withFaceCount(long count) {
    return new CollectionInfo(collectionId, arn, createdAt, faceModelVersion, dimension, count);
  }
}
