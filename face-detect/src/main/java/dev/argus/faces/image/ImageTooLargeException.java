package dev.argus.faces.image;

/** The encoded image exceeds {@link ImageDecoder#DEFAULT_MAX_IMAGE_BYTES}, or its pixel count the decoder's limit. */
public final class ImageTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ImageTooLargeException(String message) {
    super(message);
  }
}
