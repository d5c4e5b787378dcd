package dev.argus.parser.decode;

/**
 * A frame could not be decoded. The subclasses say what the caller should do:
 *
 * <ul>
 *   <li>{@link CorruptPacketException}: skip the packet; the decoder stays usable and recovers at
 *       the next key frame.
 *   <li>{@link OversizedPacketException}: skip the packet; it was refused before any decoding.
 *   <li>{@link UnsupportedStreamException}: the stream (codec, CodecPrivate, picture size or
 *       pixel format) cannot be decoded by this decoder; try another decoder or give up on the
 *       track.
 *   <li>{@link DecoderFailedException}: the decoder itself failed (out of memory, native error);
 *       close it and open a new one.
 * </ul>
 */
public abstract sealed class DecodeException extends Exception
    permits CorruptPacketException, OversizedPacketException, UnsupportedStreamException,
        DecoderFailedException {

  DecodeException(String message) {
    super(message);
  }

  DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
