package dev.argus.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;

/**
 * The sparse offset-and-time index of one segment, file {@code <20-digit base offset>.index}.
 *
 * <p>Format: a sequence of 16-byte big-endian entries, no header:
 *
 * <pre>
 * byte 0  int32  relative offset (entry offset - segment base offset)
 * byte 4  int32  position of the entry's first byte in the segment file
 * byte 8  int64  the entry's timestamp (epoch millis)
 * </pre>
 *
 * <p>Entries are strictly increasing in offset and position and non-decreasing in timestamp (the
 * log clamps timestamps), so one file answers both offset-to-position and timestamp-to-offset
 * lookups by binary search with positional reads; nothing is held in heap. The first entry is
 * always the segment's first entry (0, 0); a sealed segment's last index entry is its last entry.
 *
 * <p>The index is an optimisation only: it is never forced except when its segment is sealed, and
 * after a crash, or when it fails {@link #loadValid validation}, it is rebuilt from the segment.
 *
 * <p>Thread-safety: {@link #append} is for the log's single writer; lookups are safe from any thread
 * and see the entries appended before the log published its end.
 */
final class SegmentIndex implements Closeable {
  static final int ENTRY_BYTES = 16;

  private final long baseOffset;
  private final Path file;
  private final FileChannel channel;
  /** Entries readable by lookups; everything below it is fully written. */
  private volatile int count;

  private SegmentIndex(long baseOffset, Path file, FileChannel channel, int count) {
    this.baseOffset = baseOffset;
    this.file = file;
    this.channel = channel;
    this.count = count;
  }

  /** Creates or empties the index file. */
  static SegmentIndex createEmpty(Path file, long baseOffset) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    return new SegmentIndex(baseOffset, file, channel, 0);
  }

  /**
   * Opens an existing index if it is well formed for a segment of {@code segmentBytes} bytes: whole
   * entries, at least one, the first at (0, 0), offsets and positions strictly increasing and inside
   * the segment, timestamps non-decreasing. Returns null (and leaves the file alone) otherwise.
   */
  static SegmentIndex loadValid(Path file, long baseOffset, long segmentBytes) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long bytes = channel.size();
    if (bytes == 0 || bytes % ENTRY_BYTES != 0 || bytes / ENTRY_BYTES > Integer.MAX_VALUE
        || !wellFormed(channel, bytes / ENTRY_BYTES, segmentBytes)) {
      channel.close();
      return null;
    }
    return new SegmentIndex(baseOffset, file, channel, (int) (bytes / ENTRY_BYTES));
  }

  private static boolean wellFormed(FileChannel channel, long entries, long segmentBytes)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(ENTRY_BYTES * 1024);
    long previousRelative = -1;
    long previousPosition = -1;
    long previousTimestamp = Long.MIN_VALUE;
    for (long i = 0; i < entries; ) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), (entries - i) * ENTRY_BYTES));
      FileIo.readFully(channel, buffer, i * ENTRY_BYTES);
      buffer.flip();
      for (; buffer.remaining() >= ENTRY_BYTES; i++) {
        long relative = buffer.getInt();
        long position = buffer.getInt();
        long timestamp = buffer.getLong();
        boolean first = i == 0;
        if (first ? relative != 0 || position != 0
            : relative <= previousRelative || position <= previousPosition
                || timestamp < previousTimestamp || position >= segmentBytes) {
          return false;
        }
        previousRelative = relative;
        previousPosition = position;
        previousTimestamp = timestamp;
      }
    }
    return true;
  }

  void append(long offset, long position, long timestampMillis) throws IOException {
    ByteBuffer entry = ByteBuffer.allocate(ENTRY_BYTES);
    entry.putInt(Math.toIntExact(offset - baseOffset)).putInt(Math.toIntExact(position))
        .putLong(timestampMillis).flip();
    FileIo.writeFully(channel, entry, (long) count * ENTRY_BYTES);
    count++;
  }

  int count() {
    return count;
  }

  IndexEntry entry(int i) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(ENTRY_BYTES);
    FileIo.readFully(channel, buffer, (long) i * ENTRY_BYTES);
    buffer.flip();
    return new IndexEntry(baseOffset + buffer.getInt(), buffer.getInt(), buffer.getLong());
  }

  /** The last entry, or null if empty. */
  IndexEntry last() throws IOException {
    int n = count;
    return n == 0 ? null : entry(n - 1);
  }

  /** The last entry with offset {@code <= offset}, or null if none. */
  IndexEntry floorOffset(long offset) throws IOException {
    return lastWhere(e -> e.offset() <= offset);
  }

  /** The last entry with timestamp {@code < timestampMillis}, or null if none. */
  IndexEntry lastBefore(long timestampMillis) throws IOException {
    return lastWhere(e -> e.timestampMillis() < timestampMillis);
  }

  /**
   * Binary search: the last entry that satisfies {@code test}, or null if none. Entries that
   * satisfy it must form a prefix of the index, as "offset at most" and "timestamp before" tests do
   * (offsets increase, timestamps never decrease).
   */
  private IndexEntry lastWhere(Predicate<IndexEntry> test) throws IOException {
    int lo = 0;
    int hi = count - 1;
    IndexEntry best = null;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      IndexEntry e = entry(mid);
      if (test.test(e)) {
        best = e;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best;
  }

  void force() throws IOException {
    channel.force(false);
  }

  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
