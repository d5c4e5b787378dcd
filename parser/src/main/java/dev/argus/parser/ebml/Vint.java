package dev.argus.parser.ebml;

import java.nio.ByteBuffer;

/**
 * EBML variable-length integers (RFC 8794 section 4): element IDs keep their length marker, element
 * data sizes drop it. A vint of length {@code n} starts with {@code n-1} zero bits and a one bit.
 *
 * <p>Pure functions over absolute buffer indexes; no method here changes a buffer's position.
 */
public final class Vint {

  /** The longest element ID Matroska allows (EBMLMaxIDLength). */
  public static final int MAX_ID_LENGTH = 4;
  /** The longest element data size Matroska allows (EBMLMaxSizeLength). */
  public static final int MAX_SIZE_LENGTH = 8;
  /** The value {@link #readSize} returns for the reserved all-ones size ("unknown size"). */
  public static final long UNKNOWN_SIZE = -1;

  private Vint() {
  }

  /**
   * The total length in bytes of a vint from its first byte: 1 to 8, or 0 when the first byte is
   * zero (a vint longer than 8 bytes, which EBML does not allow).
   */
  public static int length(int firstByte) {
    int b = firstByte & 0xFF;
    return b == 0 ? 0 : Integer.numberOfLeadingZeros(b) - 23;
  }

  /** An element ID of {@code length} bytes at {@code index}, with its length marker kept. */
  public static int readId(ByteBuffer buffer, int index, int length) {
    int id = 0;
    for (int i = 0; i < length; i++) {
      id = (id << 8) | (buffer.get(index + i) & 0xFF);
    }
    return id;
  }

  /**
   * An unsigned vint of {@code length} bytes at {@code index} without its marker, or
   * {@link #UNKNOWN_SIZE} when all its value bits are ones (RFC 8794 section 6.2).
   */
  public static long readSize(ByteBuffer buffer, int index, int length) {
    long value = buffer.get(index) & (0xFF >> length);
    boolean allOnes = value == (0xFF >> length);
    for (int i = 1; i < length; i++) {
      int b = buffer.get(index + i) & 0xFF;
      allOnes &= b == 0xFF;
      value = (value << 8) | b;
    }
    return allOnes ? UNKNOWN_SIZE : value;
  }

  /** The length in bytes of an element ID from its value (IDs keep their marker). */
  public static int idLength(int id) {
    if ((id & 0xFFFFFF00) == 0) {
      return 1;
    }
    if ((id & 0xFFFF0000) == 0) {
      return 2;
    }
    return (id & 0xFF000000) == 0 ? 3 : 4;
  }

  /** The fewest bytes that encode {@code size} as a data size (all-ones values stay reserved). */
  public static int sizeLength(long size) {
    if (size < 0 || size > (1L << 56) - 2) {
      throw new IllegalArgumentException("size out of range: " + size);
    }
    int length = 1;
    while (size > (1L << (7 * length)) - 2) {
      length++;
    }
    return length;
  }

  /** Writes {@code id} big-endian at {@code buffer}'s position, advancing it. */
  public static void putId(ByteBuffer buffer, int id) {
    for (int i = idLength(id) - 1; i >= 0; i--) {
      buffer.put((byte) (id >>> (8 * i)));
    }
  }

  /** Writes {@code size} as a vint of exactly {@code length} bytes, advancing the position. */
  public static void putSize(ByteBuffer buffer, long size, int length) {
    if (length < sizeLength(size) || length > MAX_SIZE_LENGTH) {
      throw new IllegalArgumentException("size " + size + " does not fit " + length + " bytes");
    }
    long marked = size | (1L << (7 * length));
    for (int i = length - 1; i >= 0; i--) {
      buffer.put((byte) (marked >>> (8 * i)));
    }
  }

  /** Writes the reserved unknown size as a vint of {@code length} bytes, advancing the position. */
  public static void putUnknownSize(ByteBuffer buffer, int length) {
    buffer.put((byte) (0xFF >> (length - 1)));
    for (int i = 1; i < length; i++) {
      buffer.put((byte) 0xFF);
    }
  }
}
