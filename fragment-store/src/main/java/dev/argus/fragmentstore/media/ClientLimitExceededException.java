package dev.argus.fragmentstore.media;

/** A stream already has as many GetMedia readers as it allows. */
public final class ClientLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClientLimitExceededException(String message) {
    super(message);
  }
}
