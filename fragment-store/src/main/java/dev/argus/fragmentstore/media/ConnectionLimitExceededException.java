package dev.argus.fragmentstore.media;

/** A stream already has its one PutMedia connection. */
public final class ConnectionLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConnectionLimitExceededException(String message) {
    super(message);
  }
}
