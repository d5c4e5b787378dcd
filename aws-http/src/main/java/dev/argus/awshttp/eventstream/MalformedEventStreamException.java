package dev.argus.awshttp.eventstream;

/** An event-stream frame that does not decode: bad lengths, a CRC mismatch, an unknown header type. */
public final class MalformedEventStreamException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedEventStreamException(String message) {
    super(message);
  }
}
