package dev.argus.faces.image;

/** The bytes are not a JPEG or PNG image that can be decoded. */
public final class InvalidImageFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidImageFormatException(String message) {
    super(message);
  }
}
