package dev.argus.faces.collection;

/** A collection with the given id already exists. */
public final class CollectionAlreadyExistsException extends CollectionException {

  private static final long serialVersionUID = 1L;

  public CollectionAlreadyExistsException(String message) {
    super(message);
  }
}
