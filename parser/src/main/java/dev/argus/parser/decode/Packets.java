package dev.argus.parser.decode;

import java.nio.ByteBuffer;

/** The packet checks every {@link FrameDecoder} makes before decoding. Stateless. */
final class Packets {

  private Packets() {
  }

  /**
   * The packet's size, once it is known to be neither empty (an empty packet would mean the end of
   * the stream to a decoder) nor above {@code maxBytes}.
   */
  static int checkedSize(ByteBuffer packet, int maxBytes) throws DecodeException {
    int size = packet.remaining();
    if (size == 0) {
      throw new CorruptPacketException("empty packet (an empty packet would end the stream)");
    }
    if (size > maxBytes) {
      throw new OversizedPacketException(size, maxBytes);
    }
    return size;
  }
}
