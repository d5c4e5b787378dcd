package dev.argus.log;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads a segment file front to back and verifies every entry: a whole header, a length that fits
 * the file, the expected dense offset, a non-decreasing timestamp and the CRC. It stops at the first
 * entry that fails and reports how many bytes before it were valid. Memory is bounded by a 64 KiB
 * buffer whatever the lengths in the file claim. Stateless.
 */
final class SegmentScanner {
  private static final int BUFFER_BYTES = 64 * 1024;

  /** Called for each valid entry, in order. */
  interface Visitor {
    void entry(long offset, long position, long timestampMillis, long entryBytes) throws IOException;
  }

  /**
   * @param validBytes bytes of valid entries from the start of the file
   * @param nextOffset the offset after the last valid entry (the base offset if none)
   * @param problem why scanning stopped before the end of the file, or null if the whole file is valid
   */
  record Result(long validBytes, long nextOffset, String problem) {
    boolean clean() {
      return problem == null;
    }
  }

  private SegmentScanner() {}

  static Result scan(Path file, long baseOffset, Visitor visitor) throws IOException {
    long fileBytes = Files.size(file);
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, BUFFER_BYTES))) {
      byte[] chunk = new byte[BUFFER_BYTES];
      long position = 0;
      long expected = baseOffset;
      long previousTimestamp = Long.MIN_VALUE;
      while (position < fileBytes) {
        if (fileBytes - position < EntryFormat.HEADER_BYTES) {
          return new Result(position, expected, "torn header at byte " + position);
        }
        EntryHeader header = new EntryHeader(in.readInt(), in.readInt(), in.readLong(), in.readLong());
        String problem = check(header, position, fileBytes, expected, previousTimestamp);
        if (problem != null) {
          return new Result(position, expected, problem);
        }
        if (!payloadMatchesCrc(in, header, chunk)) {
          return new Result(position, expected, "CRC mismatch at byte " + position);
        }
        visitor.entry(expected, position, header.timestampMillis(), header.entryBytes());
        position += header.entryBytes();
        expected++;
        previousTimestamp = header.timestampMillis();
      }
      return new Result(position, expected, null);
    }
  }

  private static String check(EntryHeader header, long position, long fileBytes, long expected,
      long previousTimestamp) {
    if (header.length() < 0 || position + header.entryBytes() > fileBytes) {
      return "torn or bad length " + header.length() + " at byte " + position;
    }
    if (header.offset() != expected) {
      return "offset " + header.offset() + " where " + expected + " was expected, at byte " + position;
    }
    if (header.timestampMillis() < previousTimestamp) {
      return "timestamp going backwards at byte " + position;
    }
    return null;
  }

  private static boolean payloadMatchesCrc(DataInputStream in, EntryHeader header, byte[] chunk)
      throws IOException {
    CRC32C crc = EntryFormat.crcOfHeader(header);
    int left = header.length();
    while (left > 0) {
      int n = Math.min(left, chunk.length);
      in.readFully(chunk, 0, n);
      crc.update(chunk, 0, n);
      left -= n;
    }
    return (int) crc.getValue() == header.crc();
  }
}
