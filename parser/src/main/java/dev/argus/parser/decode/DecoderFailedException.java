package dev.argus.parser.decode;

/**
 * The decoder itself failed for a reason unrelated to the input (memory exhausted, an unexpected
 * native error code). Its state is unknown: close it and open a new one.
 */
public final class DecoderFailedException extends DecodeException {

  public DecoderFailedException(String message) {
    super(message);
  }

  public DecoderFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
