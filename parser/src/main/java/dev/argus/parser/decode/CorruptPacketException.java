package dev.argus.parser.decode;

/**
 * A packet was empty, malformed or not decodable (the decoder reported invalid data). The
 * decoder stays usable: skip the packet; pictures that depend on it may be missing or damaged
 * until the next key frame. Under FFmpeg frame threading the error may surface one or more
 * {@code decode} calls after the packet that caused it.
 */
public final class CorruptPacketException extends DecodeException {

  public CorruptPacketException(String message) {
    super(message);
  }

  public CorruptPacketException(String message, Throwable cause) {
    super(message, cause);
  }
}
