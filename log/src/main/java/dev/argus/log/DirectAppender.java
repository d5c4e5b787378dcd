package dev.argus.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Appends to a segment file with O_DIRECT, bypassing the page cache: a buffered append copies every
 * byte into newly allocated cache pages, which cost more CPU than the disk write itself on a
 * virtual machine that backs fresh guest pages lazily (see BENCHMARKS.md). Reads stay buffered, on
 * the segment's own channel; the kernel drops cached pages that a direct write covers, and this
 * class only ever rewrites bytes a reader may have seen with the same values.
 *
 * <p>Direct I/O moves whole blocks from block-aligned memory at block-aligned positions. After a
 * direct append the segment's bytes {@code [0, end)} are followed on disk by zeros up to the next
 * block boundary; the partial last block is kept here ({@link #tail}) and written again, with what
 * follows it, by the next append. The zeros fail the entry CRC ({@link EntryFormat}), so recovery
 * cuts them like any torn tail, and {@link Segment#seal} cuts them before a segment is closed for
 * good. The segment may also append through the page cache in between (small appends, which a
 * direct write would slow down); the next direct append then finds the end moved and reads the
 * partial block back first.
 *
 * <p>Writer only, like the segment's append methods. An append stages its bytes in an aligned
 * buffer of {@link #STAGING_BYTES} from a bounded pool ({@link StagingBuffers}), which every log
 * and thread shares, and gives it back before it returns.
 */
final class DirectAppender implements Closeable {

  /** The alignment direct I/O is done at; file systems with larger blocks are written buffered. */
  static final int ALIGNMENT = 4096;
  /** Bytes one direct write(2) carries at most. */
  static final int STAGING_BYTES = 1 << 20;

  private static final byte[] ZEROS = new byte[ALIGNMENT];

  private final FileChannel direct;
  private final StagingBuffers buffers;
  /** The segment's buffered channel: where the partial last block is read back from. */
  private final FileChannel reader;
  /** The file's bytes from {@link #tailStart} to the segment's end: fewer than one block. */
  private final byte[] tail = new byte[ALIGNMENT];
  private int tailLength;
  /** Block-aligned file position of {@link #tail}'s first byte. */
  private long tailStart;

  private DirectAppender(FileChannel direct, FileChannel reader, StagingBuffers buffers) {
    this.direct = direct;
    this.buffers = buffers;
    this.reader = reader;
    this.tailLength = -1; // nothing known yet: read back on the first append
  }

  /**
   * An appender for {@code file}, or null when its file system cannot do direct I/O at {@link
   * #ALIGNMENT}: the caller then writes buffered. Partial blocks are read back
   * through {@code reader}, the segment's own channel, which stays the caller's to close.
   */
  static DirectAppender open(Path file, FileChannel reader) {
    return open(file, reader, StagingBuffers.SHARED);
  }

  /** As {@link #open(Path, FileChannel)}, staging in {@code buffers}. */
  static DirectAppender open(Path file, FileChannel reader, StagingBuffers buffers) {
    FileChannel direct = DirectIo.openDirect(file);
    return direct == null ? null : new DirectAppender(direct, reader, buffers);
  }

  /**
   * Writes the sources' remaining bytes, in order, at {@code end}, the segment's end, and returns
   * how many that was; the sources' positions are unchanged. The write reaches the device (not yet
   * durable: the segment's force still follows).
   */
  long append(long end, ByteBuffer... sources) throws IOException {
    if (end != tailStart + tailLength) {
      readTailBack(end);
    }
    ByteBuffer staging = buffers.acquire();
    try {
      return append(staging, sources);
    } finally {
      buffers.release(staging);
    }
  }

  private long append(ByteBuffer staging, ByteBuffer... sources) throws IOException {
    staging.put(tail, 0, tailLength);
    long start = tailStart;
    long appended = 0;
    for (ByteBuffer source : sources) {
      ByteBuffer left = source.duplicate();
      appended += left.remaining();
      while (left.hasRemaining()) {
        if (!staging.hasRemaining()) {
          start = writeWholeBlocks(staging, start);
        }
        int n = Math.min(left.remaining(), staging.remaining());
        staging.put(left.slice(left.position(), n));
        left.position(left.position() + n);
      }
    }
    int used = staging.position();
    int padded = (used + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    staging.put(ZEROS, 0, padded - used); // never stale bytes from another log: they could pass for an entry
    int whole = used - used % ALIGNMENT;
    staging.get(whole, tail, 0, used - whole);
    FileIo.writeFully(direct, staging.flip(), start);
    tailStart = start + whole;
    tailLength = used - whole;
    return appended;
  }

  /** Reads the segment's partial last block, up to {@code end}, into {@link #tail}. */
  private void readTailBack(long end) throws IOException {
    long start = end - end % ALIGNMENT;
    int length = (int) (end - start);
    tailLength = -1; // unknown until the read succeeds
    FileIo.readFully(reader, ByteBuffer.wrap(tail, 0, length), start);
    tailStart = start;
    tailLength = length;
  }

  /** Writes the full staging buffer (a whole number of blocks) at {@code start}; the next start. */
  private long writeWholeBlocks(ByteBuffer staging, long start) throws IOException {
    int length = staging.position();
    FileIo.writeFully(direct, staging.flip(), start);
    staging.clear();
    return start + length;
  }

  @Override
  public void close() throws IOException {
    direct.close();
  }
}
