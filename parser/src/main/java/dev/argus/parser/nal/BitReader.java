package dev.argus.parser.nal;

/**
 * Reads an RBSP (emulation prevention already removed, see {@link NalUnits#unescape}) bit by bit,
 * most significant first, with the Exp-Golomb codes of H.264 section 9.1 / H.265 section 9.2.
 * Reading past the end throws {@link InvalidNalException}. Not thread-safe.
 */
public final class BitReader {

  private final byte[] data;
  private long bit;

  public BitReader(byte[] data) {
    this.data = data;
  }

  /** One bit. */
  public boolean flag() {
    return bits(1) == 1;
  }

  /** {@code n} bits (0 to 32) as an unsigned value. */
  public long bits(int n) {
    if (n < 0 || n > 32) {
      throw new IllegalArgumentException("bits: " + n);
    }
    if (bit + n > 8L * data.length) {
      throw new InvalidNalException("parameter set ends early, at bit " + bit);
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      int b = (data[(int) (bit >>> 3)] >>> (7 - (int) (bit & 7))) & 1;
      value = (value << 1) | b;
      bit++;
    }
    return value;
  }

  /** Skips {@code n} bits. */
  public void skip(long n) {
    if (bit + n > 8L * data.length) {
      throw new InvalidNalException("parameter set ends early, at bit " + bit);
    }
    bit += n;
  }

  /** ue(v): an unsigned Exp-Golomb code (at most 31 leading zeros). */
  public long ue() {
    int zeros = 0;
    while (!flag()) {
      if (++zeros > 31) {
        throw new InvalidNalException("Exp-Golomb code longer than 32 bits at bit " + bit);
      }
    }
    return (1L << zeros) - 1 + bits(zeros);
  }

  /** se(v): a signed Exp-Golomb code. */
  public long se() {
    long k = ue();
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }

  /** A ue(v) that must be at most {@code max}. */
  public int ue(String name, long max) {
    long value = ue();
    if (value > max) {
      throw new InvalidNalException(name + " out of range: " + value);
    }
    return (int) value;
  }
}
