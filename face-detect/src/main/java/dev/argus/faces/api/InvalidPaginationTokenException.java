package dev.argus.faces.api;

/** A NextToken this server did not issue. */
final class InvalidPaginationTokenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InvalidPaginationTokenException(String message) {
    super(message);
  }
}
