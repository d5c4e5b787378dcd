package dev.argus.faces.api;

/** A request member is missing, malformed or out of range, or the image has no usable face. */
final class InvalidParameterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InvalidParameterException(String message) {
    super(message);
  }
}
