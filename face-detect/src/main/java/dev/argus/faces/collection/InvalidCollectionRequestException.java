package dev.argus.faces.collection;

/** A member is out of range or malformed, or the collection was built with another embedder. */
public final class InvalidCollectionRequestException extends CollectionException {

  private static final long serialVersionUID = 1L;

  public InvalidCollectionRequestException(String message) {
    super(message);
  }
}
