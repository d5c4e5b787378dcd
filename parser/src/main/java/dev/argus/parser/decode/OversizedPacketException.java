package dev.argus.parser.decode;

/**
 * A packet was larger than the decoder's limit ({@link FrameDecoder#DEFAULT_MAX_PACKET_BYTES}
 * unless configured otherwise). It was refused before reaching the codec; the decoder stays
 * usable.
 */
public final class OversizedPacketException extends DecodeException {

  private final int size;
  private final int limit;

  public OversizedPacketException(int size, int limit) {
    super("packet of " + size + " bytes exceeds the limit of " + limit + " bytes");
    this.size = size;
    this.limit = limit;
  }

  /** The refused packet's size in bytes. */
  public int size() {
    return size;
  }

  /** The limit it exceeded, in bytes. */
  public int limit() {
    return limit;
  }
}
