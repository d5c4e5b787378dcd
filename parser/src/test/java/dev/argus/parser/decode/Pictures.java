package dev.argus.parser.decode;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** Test helpers that measure decoded BGR pictures. */
final class Pictures {

  private Pictures() {}

  static byte[] bytes(ByteBuffer pixels) {
    byte[] copy = new byte[pixels.remaining()];
    pixels.duplicate().get(copy);
    return copy;
  }

  static long crc(ByteBuffer pixels) {
    CRC32 crc = new CRC32();
    crc.update(pixels.duplicate());
    return crc.getValue();
  }

  /** Mean absolute difference per byte of two same-sized pictures. */
  static double meanAbsoluteDifference(byte[] a, byte[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(a.length + " != " + b.length);
    }
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    }
    return (double) sum / a.length;
  }

  /** Standard deviation of the byte values: near 0 for a uniform (blank) picture. */
  static double standardDeviation(byte[] pixels) {
    double sum = 0;
    double squares = 0;
    for (byte value : pixels) {
      int v = value & 0xff;
      sum += v;
      squares += (double) v * v;
    }
    double mean = sum / pixels.length;
    return Math.sqrt(squares / pixels.length - mean * mean);
  }
}
