package dev.argus.log;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing of one entry in a segment file. All integers are big-endian.
 *
 * <pre>
 * byte  0  int32  crc        CRC32C of bytes 4 .. 24+length (length, offset, timestamp, payload)
 * byte  4  int32  length     payload length in bytes, 0 .. Integer.MAX_VALUE - 24
 * byte  8  int64  offset     the entry's log offset
 * byte 16  int64  timestamp  epoch milliseconds
 * byte 24  length bytes      payload
 * </pre>
 *
 * <p>A zero-filled or torn tail fails the CRC (the CRC32C of 20 zero bytes is not zero). Stateless.
 */
final class EntryFormat {
  static final int HEADER_BYTES = 24;
  /** Bytes covered by the CRC that precede the payload: length, offset, timestamp. */
  static final int CRC_COVERED_HEADER_BYTES = HEADER_BYTES - 4;

  private EntryFormat() {}

  /** A 24-byte header for the payload's remaining bytes, ready to write (position 0). */
  static ByteBuffer header(long offset, long timestampMillis, ByteBuffer payload) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.putInt(0).putInt(payload.remaining()).putLong(offset).putLong(timestampMillis);
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 4, CRC_COVERED_HEADER_BYTES);
    crc.update(payload.duplicate());
    header.putInt(0, (int) crc.getValue());
    return header.flip();
  }

  /**
   * Writes one whole entry (header and the payload's remaining bytes) at {@code into}'s position
   * and advances it; the payload's position is unchanged. {@code into} must have room for it.
   */
  static void write(ByteBuffer into, long offset, long timestampMillis, ByteBuffer payload) {
    int start = into.position();
    into.putInt(0).putInt(payload.remaining()).putLong(offset).putLong(timestampMillis)
        .put(payload.duplicate());
    CRC32C crc = new CRC32C();
    crc.update(into.duplicate().limit(into.position()).position(start + 4));
    into.putInt(start, (int) crc.getValue());
  }

  /** A CRC32C already fed the header fields that the CRC covers. */
  static CRC32C crcOfHeader(EntryHeader header) {
    ByteBuffer covered = ByteBuffer.allocate(CRC_COVERED_HEADER_BYTES);
    covered.putInt(header.length()).putLong(header.offset()).putLong(header.timestampMillis());
    CRC32C crc = new CRC32C();
    crc.update(covered.array());
    return crc;
  }
}
