package dev.argus.faces.collection;

/** The collection already holds its limit of faces (see FaceCollections.DEFAULT_MAX_FACES_PER_COLLECTION). */
public final class CollectionFullException extends CollectionException {

  private static final long serialVersionUID = 1L;

  public CollectionFullException(String message) {
    super(message);
  }
}
