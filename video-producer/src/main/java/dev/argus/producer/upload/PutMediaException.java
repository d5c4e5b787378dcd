package dev.argus.producer.upload;

/**
 * A PutMedia request failed. {@link #retriable()} says whether reconnecting can help: a refused
 * request (unknown stream, bad arguments) or an ERROR ack that stops the stream cannot.
 */
public final class PutMediaException extends Exception {

  private final boolean retriable;

  public PutMediaException(String message, boolean retriable) {
    super(message);
    this.retriable = retriable;
  }

  public PutMediaException(String message, boolean retriable, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  public boolean retriable() {
    return retriable;
  }
}
