package dev.argus.parser.mkv;

import dev.argus.parser.ebml.EbmlIds;
import dev.argus.parser.ebml.Vint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Walks the children of one element body held whole in a buffer: {@link #next()} reads each
 * child's header; the typed readers decode the current child. Indexes are absolute buffer indexes;
 * {@code streamBase} maps them to stream offsets for error messages.
 *
 * <p>Not thread-safe; one cursor per body.
 */
final class ElementCursor {

  private final ByteBuffer buffer;
  private final int start;
  private final int end;
  private final long streamDelta;
  private final boolean verifyCrc;
  private int next;
  /** ID of the current child. */
  int id;
  /** Index of the current child's first data byte. */
  int dataIndex;
  /** Current child's data size (never unknown: bodies held whole have known sizes). */
  int size;
  /** Index of the current child's ID. */
  int startIndex;

  /**
   * @param start index of the body's first byte
   * @param end index just past the body
   * @param streamOffset stream offset of the byte at {@code start}
   */
  ElementCursor(ByteBuffer buffer, int start, int end, long streamOffset) {
    this(buffer, start, end, streamOffset, true);
  }

  /** @param verifyCrc whether {@link #verifyLeadingCrc} checks (else it only skips the CRC element) */
  ElementCursor(ByteBuffer buffer, int start, int end, long streamOffset, boolean verifyCrc) {
    this.verifyCrc = verifyCrc;
    this.buffer = buffer;
    this.start = start;
    this.next = start;
    this.end = end;
    this.streamDelta = streamOffset - start;
  }

  /** Stream offset of the body's first byte. */
  long bodyOffset() {
    return offsetOf(start);
  }

  /** Stream offset of a buffer index. */
  long offsetOf(int index) {
    return streamDelta + index;
  }

  /** Moves to the next child; false at the body's end. Throws on a header that overruns the body. */
  boolean next() {
    if (next >= end) {
      return false;
    }
    startIndex = next;
    int idLength = Vint.length(buffer.get(next));
    if (idLength == 0 || idLength > Vint.MAX_ID_LENGTH || next + idLength >= end) {
      throw new MalformedMkvException("bad element ID", offsetOf(next));
    }
    id = Vint.readId(buffer, next, idLength);
    int sizeLength = Vint.length(buffer.get(next + idLength));
    if (sizeLength == 0 || next + idLength + sizeLength > end) {
      throw new MalformedMkvException("bad element size", offsetOf(next));
    }
    long s = Vint.readSize(buffer, next + idLength, sizeLength);
    dataIndex = next + idLength + sizeLength;
    if (s < 0 || s > end - dataIndex) {
      throw new MalformedMkvException(String.format("element 0x%X overruns its parent", id), offsetOf(next));
    }
    size = (int) s;
    next = dataIndex + size;
    return true;
  }

  /** The current child as an unsigned integer of 0 to 8 bytes. */
  long unsigned() {
    if (size > 8) {
      throw new MalformedMkvException(String.format("integer element 0x%X of %d bytes", id, size), offsetOf(startIndex));
    }
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (buffer.get(dataIndex + i) & 0xFF);
    }
    return value;
  }

  /** The current child as a float of 0, 4 or 8 bytes. */
  double floating() {
    switch (size) {
      case 0:
        return 0;
      case 4:
        return buffer.getFloat(dataIndex);
      case 8:
        return buffer.getDouble(dataIndex);
      default:
        throw new MalformedMkvException(String.format("float element 0x%X of %d bytes", id, size), offsetOf(startIndex));
    }
  }

  /** The current child as UTF-8 text, cut at the first NUL (EBML pads strings with zeros). */
  String string() {
    int length = 0;
    while (length < size && buffer.get(dataIndex + length) != 0) {
      length++;
    }
    byte[] bytes = new byte[length];
    buffer.get(dataIndex, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The current child's bytes, copied. */
  byte[] bytes() {
    byte[] bytes = new byte[size];
    buffer.get(dataIndex, bytes);
    return bytes;
  }

  /** A cursor over the current child's children. */
  ElementCursor children() {
    return new ElementCursor(buffer, dataIndex, dataIndex + size, offsetOf(dataIndex), verifyCrc);
  }

  /**
   * Verifies a leading CRC-32 child, if there is one, against the rest of the body (RFC 8794
   * section 11.3.1: the CRC of all the parent's data after the CRC element, stored little-endian).
   * On return the cursor is before the first child that is not the CRC.
   */
  void verifyLeadingCrc(int parentId) {
    if (next >= end || (buffer.get(next) & 0xFF) != EbmlIds.CRC32) {
      return;
    }
    int checkpoint = next;
    if (!next() || size != 4) {
      throw new MalformedMkvException("CRC-32 element is not 4 bytes", offsetOf(checkpoint));
    }
    if (!verifyCrc) {
      return;
    }
    int stored = Integer.reverseBytes(buffer.getInt(dataIndex));
    CRC32 crc = new CRC32();
    crc.update(buffer.duplicate().limit(end).position(next));
    if ((int) crc.getValue() != stored) {
      throw new CrcMismatchException(parentId, offsetOf(checkpoint), stored, (int) crc.getValue());
    }
  }
}
