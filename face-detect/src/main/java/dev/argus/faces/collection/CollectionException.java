package dev.argus.faces.collection;

/**
 * A request the collections cannot serve, by kind. The Rekognition API maps each kind to its
 * error type in one table.
 */
public abstract sealed class CollectionException extends RuntimeException
    permits CollectionNotFoundException, CollectionAlreadyExistsException, FaceNotFoundException,
    InvalidCollectionRequestException, CollectionFullException {

  private static final long serialVersionUID = 1L;

  CollectionException(String message) {
    super(message);
  }
}
