package dev.argus.producer.ack;

/** The ACK stream is not newline-separated PutMedia acknowledgements; the connection is unusable. */
public final class MalformedAckException extends Exception {

  public MalformedAckException(String message) {
    super(message);
  }

  public MalformedAckException(String message, Throwable cause) {
    super(message, cause);
  }
}
