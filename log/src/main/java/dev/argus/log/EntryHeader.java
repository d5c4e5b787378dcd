package dev.argus.log;

import java.nio.ByteBuffer;

/**
 * The decoded 24-byte header of an entry; see {@link EntryFormat} for the layout. The fields are as
 * read and not yet verified: the CRC covers the payload too.
 */
record EntryHeader(int crc, int length, long offset, long timestampMillis) {

  /** Decodes 24 bytes from the buffer's position. */
  static EntryHeader parse(ByteBuffer buffer) {
    return new EntryHeader(buffer.getInt(), buffer.getInt(), buffer.getLong(), buffer.getLong());
  }

  /** Header plus payload. */
  long entryBytes() {
    return EntryFormat.HEADER_BYTES + (long) length;
  }
}
