package dev.argus.faces.collection;

import java.util.regex.Pattern;

/** Rekognition's rules for ExternalImageId and CollectionId (pure). */
public final class ExternalImageIds {

  /** ExternalImageId: 1-255 of {@code [a-zA-Z0-9_.\-:]}. */
  static final Pattern EXTERNAL_IMAGE_ID = Pattern.compile("[a-zA-Z0-9_.\\-:]{1,255}");
  /** CollectionId: 1-255 of {@code [a-zA-Z0-9_.\-]}. */
  static final Pattern COLLECTION_ID = Pattern.compile("[a-zA-Z0-9_.\\-]{1,255}");

  private ExternalImageIds() {
  }

  /** @throws InvalidCollectionRequestException when the id breaks the rules */
  public static String check(String externalImageId) {
    if (!EXTERNAL_IMAGE_ID.matcher(externalImageId).matches()) {
      throw new InvalidCollectionRequestException(
          "ExternalImageId must be 1-255 characters of [a-zA-Z0-9_.\\-:]");
    }
    return externalImageId;
  }

  /** @throws InvalidCollectionRequestException when the id breaks the rules */
  public static String checkCollectionId(String collectionId) {
    if (collectionId == null || !COLLECTION_ID.matcher(collectionId).matches()) {
      throw new InvalidCollectionRequestException("CollectionId must be 1-255 characters of [a-zA-Z0-9_.\\-]");
    }
    return collectionId;
  }
}
