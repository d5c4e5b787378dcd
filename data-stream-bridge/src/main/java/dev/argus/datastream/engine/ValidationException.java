package dev.argus.datastream.engine;

/** A member breaks the API's constraints: missing, too long, out of range, wrong pattern. */
public final class ValidationException extends StreamsException {

  private static final long serialVersionUID = 1L;

  public ValidationException(String message) {
    super(message);
  }
}
