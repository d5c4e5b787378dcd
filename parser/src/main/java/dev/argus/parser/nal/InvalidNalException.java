package dev.argus.parser.nal;

/** Bytes that are not the NAL unit framing or parameter set they claim to be. */
public final class InvalidNalException extends RuntimeException {

  public InvalidNalException(String message) {
    super(message);
  }
}
