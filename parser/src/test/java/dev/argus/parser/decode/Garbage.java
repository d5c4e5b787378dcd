package dev.argus.parser.decode;

import dev.argus.parser.decode.CapturePackets.Packet;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/** Seeded bad packets for decoder robustness tests: random, plausible-looking, or damaged real ones. */
final class Garbage {

  /** NAL unit header bytes that reach deep decoder paths: IDR/non-IDR slices, SEI, SPS, PPS. */
  private static final byte[] NAL_HEADERS = {0x65, 0x41, 0x01, 0x06, 0x67, 0x68, 0x25, 0x21};

  private Garbage() {}

  static ByteBuffer packet(Random random, List<Packet> real) {
    byte[] base = real.get(random.nextInt(real.size())).data();
    return ByteBuffer.wrap(switch (random.nextInt(5)) {
      case 0 -> randomBytes(random, 1 + random.nextInt(65536));
      case 1 -> plausibleNal(random);
      case 2 -> flipBytes(random, base);
      case 3 -> java.util.Arrays.copyOf(base, 1 + random.nextInt(base.length));
      default -> badLengthPrefix(random, base);
    });
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A 4-byte big-endian length covering the rest, a real NAL header byte, random payload. */
  private static byte[] plausibleNal(Random random) {
    byte[] bytes = randomBytes(random, 6 + random.nextInt(20000));
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4);
    bytes[4] = NAL_HEADERS[random.nextInt(NAL_HEADERS.length)];
    return bytes;
  }

  private static byte[] flipBytes(Random random, byte[] base) {
    byte[] bytes = base.clone();
    int flips = 1 + random.nextInt(20);
    for (int i = 0; i < flips; i++) {
      bytes[4 + random.nextInt(bytes.length - 4)] ^= (byte) (1 + random.nextInt(255));
    }
    return bytes;
  }

  /** A real packet whose first NAL length claims more bytes than there are. */
  private static byte[] badLengthPrefix(Random random, byte[] base) {
    byte[] bytes = base.clone();
    ByteBuffer.wrap(bytes).putInt(bytes.length + random.nextInt(Integer.MAX_VALUE - bytes.length));
    return bytes;
  }
}
