package dev.argus.parser.decode;

/**
 * The stream cannot be decoded by this decoder: an unsupported codec, a CodecPrivate the codec
 * rejects, a picture larger than {@link FrameDecoder#DEFAULT_MAX_DIMENSION}, or a pixel format
 * that cannot be converted to BGR. Thrown when a decoder is opened, or by {@code decode} when the
 * stream changes to something unsupported mid-way.
 */
public final class UnsupportedStreamException extends DecodeException {

  public UnsupportedStreamException(String message) {
    super(message);
  }

  public UnsupportedStreamException(String message, Throwable cause) {
    super(message, cause);
  }
}
