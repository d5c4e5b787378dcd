package dev.argus.faces.collection;

/** The collection holds no face with the given FaceId. */
public final class FaceNotFoundException extends CollectionException {

  private static final long serialVersionUID = 1L;

  public FaceNotFoundException(String message) {
    super(message);
  }
}
