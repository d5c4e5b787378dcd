package dev.argus.faces.collection;

/** No collection with the given id exists. */
public final class CollectionNotFoundException extends CollectionException {

  private static final long serialVersionUID = 1L;

  public CollectionNotFoundException(String message) {
    super(message);
  }
}
