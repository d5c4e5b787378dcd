package dev.argus.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One segment of a log: the file {@code <base offset as 20 decimal digits>.log} (for example
 * {@code 00000000000000000000.log}) holding entries {@code baseOffset, baseOffset + 1, ...} back to
 * back, plus its {@link SegmentIndex} file {@code <same digits>.index}. There is no file header;
 * the file's length is the end of its last entry. Each entry ({@link EntryFormat}), big-endian:
 *
 * <pre>
 * byte  0  int32  crc        CRC32C of bytes 4 .. 24+length
 * byte  4  int32  length     payload bytes
 * byte  8  int64  offset     baseOffset + entry number within the segment
 * byte 16  int64  timestamp  epoch millis, non-decreasing
 * byte 24  length bytes      payload
 * </pre>
 *
 * <p>Writes. Appends go through the channel into the page cache, or, after {@link
 * #startDirectAppends} and for appends of at least {@link LogConfig#directAppendBytes()} where the
 * file system is able, through a {@link DirectAppender} (O_DIRECT, whole blocks, zeros after the
 * last entry until the next append). Reads always go through the channel.
 *
 * <p>Crash behaviour. Only the active (last) segment is written to. When it is rolled it is sealed:
 * its last entry is indexed and both files are forced before the next segment is created, so every
 * segment but the last is complete on disk. On open the last segment is {@link #recover recovered}:
 * scanned and verified entry by entry, truncated after the last valid entry, and its index rebuilt.
 * Earlier segments are {@link #openSealed opened} with a cheap check (index well formed, its last
 * entry ends exactly at the end of the file with a valid CRC) and fully verified and re-indexed only
 * when that check fails; damage found then is a {@link CorruptLogException}, never a truncation.
 *
 * <p>Thread-safety: not thread-safe for mutation ({@link #append}, {@link #seal}, {@link #close},
 * {@link #delete}): those belong to the log's single writer. Reads are positional and
 * safe from any thread for offsets below a bound taken from the log's published end; a read racing
 * {@link #close} fails with a {@link java.nio.channels.ClosedChannelException}.
 */
final class Segment implements Closeable {
  static final String LOG_SUFFIX = ".log";
  static final String INDEX_SUFFIX = ".index";

  private final long baseOffset;
  private final Path file;
  private final FileChannel channel;
  private final SegmentIndex index;
  private final int indexIntervalBytes;
  /** Bytes of valid entries; the next entry is written here. Writer-updated. */
  private volatile long size;
  /** Offset after this segment's last entry; {@code baseOffset} while empty. Writer-updated. */
  private volatile long nextOffset;
  /** Timestamp of the last entry; {@code Long.MIN_VALUE} while empty. Writer-updated. */
  private volatile long maxTimestamp = Long.MIN_VALUE;
  /** Timestamp of the first entry, for age-based rolling; writer only. */
  private long firstTimestamp = Long.MIN_VALUE;
  /** Position of the last entry, or -1; writer only. */
  private long lastEntryPosition = -1;
  /** Position of the last indexed entry, or -1; writer only. */
  private long lastIndexedPosition = -1;
  /**
   * Writes large appends past the page cache. Null until the first append of at least {@link
   * #directAppendBytes} opens it, so a segment that only ever takes small appends holds no second
   * file descriptor and no block buffer; null again once closed. Writer only.
   */
  private DirectAppender appender;
  /** The file system refused direct I/O for this file: append through the page cache. Writer only. */
  private boolean directRefused;
  /** See {@link LogConfig#directAppendBytes()}; writer only. */
  private int directAppendBytes = LogConfig.DIRECT_APPENDS_OFF;

  private Segment(long baseOffset, Path file, FileChannel channel, SegmentIndex index,
      int indexIntervalBytes) {
    this.baseOffset = baseOffset;
    this.file = file;
    this.channel = channel;
    this.index = index;
    this.indexIntervalBytes = indexIntervalBytes;
    this.nextOffset = baseOffset;
  }

  static String fileName(long baseOffset, String suffix) {
    return String.format("%020d", baseOffset) + suffix;
  }

  /** Creates a new empty segment; the file must not exist. */
  static Segment create(Path dir, long baseOffset, int indexIntervalBytes) throws IOException {
    Path file = dir.resolve(fileName(baseOffset, LOG_SUFFIX));
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    SegmentIndex index = SegmentIndex.createEmpty(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)),
        baseOffset);
    return new Segment(baseOffset, file, channel, index, indexIntervalBytes);
  }

  /** Opens the last segment after a possible crash: verify, truncate the torn tail, re-index. */
  static Segment recover(Path dir, long baseOffset, int indexIntervalBytes) throws IOException {
    Path file = dir.resolve(fileName(baseOffset, LOG_SUFFIX));
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return rebuilt(dir, baseOffset, channel, indexIntervalBytes, false);
  }

  /** Opens a segment that is not the last one; see the class comment. */
  static Segment openSealed(Path dir, long baseOffset, int indexIntervalBytes) throws IOException {
    Path file = dir.resolve(fileName(baseOffset, LOG_SUFFIX));
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    SegmentIndex index = null;
    try {
      long fileBytes = channel.size();
      index = SegmentIndex.loadValid(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)), baseOffset,
          fileBytes);
      if (index != null) {
        Segment segment = new Segment(baseOffset, file, channel, index, indexIntervalBytes);
        if (segment.restoreFromLastIndexEntry(fileBytes)) {
          return segment;
        }
        index.close();
      }
    } catch (IOException | RuntimeException e) {
      FileIo.closeAfterFailure(e, index, channel);
      throw e;
    }
    return rebuilt(dir, baseOffset, channel, indexIntervalBytes, true);
  }

  /**
   * Scans the whole segment, writing a fresh index. A sealed segment must be wholly valid (else
   * {@link CorruptLogException}) and is sealed again; the last one is cut after its last valid entry
   * and forced. Closes the channel on failure.
   */
  private static Segment rebuilt(Path dir, long baseOffset, FileChannel channel,
      int indexIntervalBytes, boolean sealed) throws IOException {
    Path file = dir.resolve(fileName(baseOffset, LOG_SUFFIX));
    Segment segment = null;
    try {
      segment = new Segment(baseOffset, file, channel,
          SegmentIndex.createEmpty(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)), baseOffset),
          indexIntervalBytes);
      SegmentScanner.Result result = SegmentScanner.scan(file, baseOffset, segment::restore);
      if (sealed && !result.clean()) {
        throw new CorruptLogException(file.getFileName()
            + " is not the last segment and is damaged: " + result.problem());
      }
      if (sealed) {
        segment.seal();
      } else {
        if (channel.size() > result.validBytes()) {
          channel.truncate(result.validBytes());
        }
        channel.force(false);
      }
      return segment;
    } catch (IOException | RuntimeException e) {
      FileIo.closeAfterFailure(e, segment != null ? segment : channel);
      throw e;
    }
  }

  /** Trusts a well-formed index if its last entry is a valid entry ending exactly at end of file. */
  private boolean restoreFromLastIndexEntry(long fileBytes) throws IOException {
    IndexEntry last = index.last();
    EntryHeader header;
    try {
      header = headerAt(last.position(), last.offset());
    } catch (CorruptLogException | java.io.EOFException e) {
      return false;
    }
    if (last.position() + header.entryBytes() != fileBytes
        || header.timestampMillis() != last.timestampMillis()) {
      return false;
    }
    ByteBuffer payload = ByteBuffer.allocate(header.length());
    FileIo.readFully(channel, payload, last.position() + EntryFormat.HEADER_BYTES);
    if (!crcMatches(header, payload.flip())) {
      return false;
    }
    IndexEntry first = index.entry(0);
    firstTimestamp = first.timestampMillis();
    lastEntryPosition = last.position();
    lastIndexedPosition = last.position();
    maxTimestamp = last.timestampMillis();
    size = fileBytes;
    nextOffset = last.offset() + 1;
    return true;
  }

  /** Re-applies one scanned entry's bookkeeping (index included) as if it had just been appended. */
  private void restore(long offset, long position, long timestampMillis, long entryBytes)
      throws IOException {
    maybeIndex(offset, position, timestampMillis);
    advance(position, timestampMillis, entryBytes);
  }

  /**
   * Makes later appends of at least {@code minBytes} go through a {@link DirectAppender}, where
   * the file system supports direct I/O (else nothing changes); for the active segment only.
   * {@link LogConfig#DIRECT_APPENDS_OFF} does nothing.
   */
  void startDirectAppends(int minBytes) {
    directAppendBytes = minBytes;
  }

  /**
   * Whether an append of {@code bytes} goes direct: only large ones, where that pays (a small one
   * costs a device round trip where a copy into the page cache would do), and only where the file
   * system takes direct I/O, which the first large append finds out.
   */
  private boolean direct(long bytes) {
    if (directAppendBytes == LogConfig.DIRECT_APPENDS_OFF || bytes < directAppendBytes || directRefused) {
      return false;
    }
    if (appender == null) {
      appender = DirectAppender.open(file, channel);
      directRefused = appender == null;
    }
    return appender != null;
  }

  /** Writes one entry at the end; the caller publishes it (via {@link #nextOffset()}) afterwards. */
  void append(long offset, long timestampMillis, ByteBuffer payload) throws IOException {
    long position = size;
    ByteBuffer header = EntryFormat.header(offset, timestampMillis, payload);
    ByteBuffer body = payload.duplicate();
    long entryBytes = header.remaining() + (long) body.remaining();
    if (direct(entryBytes)) {
      appender.append(position, header, body);
    } else {
      channel.position(position);
      ByteBuffer[] buffers = {header, body};
      while (header.hasRemaining() || body.hasRemaining()) {
        channel.write(buffers);
      }
    }
    maybeIndex(offset, position, timestampMillis);
    advance(position, timestampMillis, entryBytes);
  }

  /**
   * Writes {@code payloads[from, to)} at the end as entries {@code firstOffset, firstOffset + 1,
   * ...}, all with {@code timestampMillis}, packed so that a batch costs one write(2) per
   * buffer-full instead of one per entry: by the {@link DirectAppender}, or else through the
   * writer's {@code scratch} buffer (an entry larger than it is written on its own). The
   * bookkeeping follows the writes; the caller publishes the entries afterwards. Payload positions
   * are unchanged.
   */
  void appendAll(long firstOffset, long timestampMillis, List<ByteBuffer> payloads, int from, int to,
      ByteBuffer scratch) throws IOException {
    long start = size;
    long batchBytes = 0;
    for (int i = from; i < to; i++) {
      batchBytes += EntryFormat.HEADER_BYTES + payloads.get(i).remaining();
    }
    if (direct(batchBytes)) {
      ByteBuffer[] pieces = new ByteBuffer[2 * (to - from)]; // header, payload, header, ...
      for (int i = from; i < to; i++) {
        ByteBuffer payload = payloads.get(i);
        pieces[2 * (i - from)] = EntryFormat.header(firstOffset + (i - from), timestampMillis, payload);
        pieces[2 * (i - from) + 1] = payload;
      }
      appender.append(start, pieces); // packs them itself; scratch would be one copy more
    } else {
      writePacked(firstOffset, timestampMillis, payloads, from, to, scratch);
    }
    long position = start;
    for (int i = from; i < to; i++) {
      long entryBytes = EntryFormat.HEADER_BYTES + (long) payloads.get(i).remaining();
      maybeIndex(firstOffset + (i - from), position, timestampMillis);
      advance(position, timestampMillis, entryBytes);
      position += entryBytes;
    }
  }

  private void writePacked(long firstOffset, long timestampMillis, List<ByteBuffer> payloads, int from, int to,
      ByteBuffer scratch) throws IOException {
    long at = size;
    scratch.clear();
    for (int i = from; i < to; i++) {
      ByteBuffer payload = payloads.get(i);
      long offset = firstOffset + (i - from);
      int entryBytes = EntryFormat.HEADER_BYTES + payload.remaining();
      if (entryBytes > scratch.remaining()) {
        at = drain(scratch, at);
      }
      if (entryBytes > scratch.capacity()) {
        ByteBuffer header = EntryFormat.header(offset, timestampMillis, payload);
        at = writeAt(header, at);
        at = writeAt(payload.duplicate(), at);
      } else {
        EntryFormat.write(scratch, offset, timestampMillis, payload);
      }
    }
    drain(scratch, at);
  }

  /** Writes what {@code scratch} holds at {@code position}, clears it, returns the new end. */
  private long drain(ByteBuffer scratch, long position) throws IOException {
    long end = writeAt(scratch.flip(), position);
    scratch.clear();
    return end;
  }

  private long writeAt(ByteBuffer buffer, long position) throws IOException {
    long end = position + buffer.remaining();
    FileIo.writeFully(channel, buffer, position);
    return end;
  }

  private void maybeIndex(long offset, long position, long timestampMillis) throws IOException {
    if (lastIndexedPosition < 0 || position - lastIndexedPosition >= indexIntervalBytes) {
      index.append(offset, position, timestampMillis);
      lastIndexedPosition = position;
    }
  }

  private void advance(long position, long timestampMillis, long entryBytes) {
    if (lastEntryPosition < 0) {
      firstTimestamp = timestampMillis;
    }
    lastEntryPosition = position;
    maxTimestamp = timestampMillis;
    size = position + entryBytes;
    nextOffset = nextOffset + 1;
  }

  /**
   * Indexes the last entry, cuts the zeros a direct append leaves after the last block, and forces
   * both files; called before the next segment is created.
   */
  void seal() throws IOException {
    stopDirectAppends();
    if (lastEntryPosition > lastIndexedPosition) {
      index.append(nextOffset - 1, lastEntryPosition, maxTimestamp);
      lastIndexedPosition = lastEntryPosition;
    }
    channel.force(false);
    index.force();
  }

  /**
   * Forces appended entries to disk. fdatasync(2) semantics ({@code force(false)}) suffice: the file
   * length, the only metadata an append changes that a later read needs, is included.
   */
  void force() throws IOException {
    channel.force(false);
  }

  /** The entry at {@code offset}, which must be in {@code [baseOffset, nextOffset())}. */
  LogEntry read(long offset) throws IOException {
    long position = positionOf(offset);
    return entryAt(position, headerAt(position, offset));
  }

  /** The timestamp in the header of {@code offset}'s entry; the payload is not verified. */
  long timestampOf(long offset) throws IOException {
    return headerAt(positionOf(offset), offset).timestampMillis();
  }

  /**
   * Appends entries from {@code from} while below {@code limit}, fewer than {@code maxEntries} are in
   * {@code out}, and their payloads stay within {@code maxBytes}; an empty {@code out} always takes
   * one. Returns the payload bytes added.
   */
  long readInto(long from, long limit, int maxEntries, long maxBytes, List<LogEntry> out)
      throws IOException {
    long end = Math.min(limit, nextOffset);
    long position = positionOf(from);
    long bytes = 0;
    for (long offset = from; offset < end && out.size() < maxEntries; offset++) {
      EntryHeader header = headerAt(position, offset);
      if (!out.isEmpty() && bytes + header.length() > maxBytes) {
        break;
      }
      out.add(entryAt(position, header));
      bytes += header.length();
      position += header.entryBytes();
    }
    return bytes;
  }

  /** The first offset below {@code limit} whose timestamp is {@code >= timestampMillis}, or -1. */
  long offsetAtOrAfter(long timestampMillis, long limit) throws IOException {
    IndexEntry start = index.lastBefore(timestampMillis);
    long offset = start == null ? baseOffset : start.offset();
    long position = start == null ? 0 : start.position();
    long end = Math.min(limit, nextOffset);
    for (; offset < end; offset++) {
      EntryHeader header = headerAt(position, offset);
      if (header.timestampMillis() >= timestampMillis) {
        return offset;
      }
      position += header.entryBytes();
    }
    return -1;
  }

  private long positionOf(long offset) throws IOException {
    IndexEntry floor = index.floorOffset(offset);
    long at = floor == null ? baseOffset : floor.offset();
    long position = floor == null ? 0 : floor.position();
    for (; at < offset; at++) {
      position += headerAt(position, at).entryBytes();
    }
    return position;
  }

  private EntryHeader headerAt(long position, long expectedOffset) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(EntryFormat.HEADER_BYTES);
    FileIo.readFully(channel, buffer, position);
    EntryHeader header = EntryHeader.parse(buffer.flip());
    if (header.offset() != expectedOffset || header.length() < 0) {
      throw new CorruptLogException(file.getFileName() + ": entry at byte " + position
          + " has offset " + header.offset() + " and length " + header.length() + ", expected offset "
          + expectedOffset);
    }
    return header;
  }

  private LogEntry entryAt(long position, EntryHeader header) throws IOException {
    byte[] payload = new byte[header.length()];
    FileIo.readFully(channel, ByteBuffer.wrap(payload), position + EntryFormat.HEADER_BYTES);
    if (!crcMatches(header, ByteBuffer.wrap(payload))) {
      throw new CorruptLogException(file.getFileName() + ": CRC mismatch for offset "
          + header.offset() + " at byte " + position);
    }
    return new LogEntry(header.offset(), header.timestampMillis(),
        ByteBuffer.wrap(payload).asReadOnlyBuffer());
  }

  private static boolean crcMatches(EntryHeader header, ByteBuffer payload) {
    CRC32C crc = EntryFormat.crcOfHeader(header);
    crc.update(payload);
    return (int) crc.getValue() == header.crc();
  }

  long baseOffset() {
    return baseOffset;
  }

  long nextOffset() {
    return nextOffset;
  }

  long size() {
    return size;
  }

  boolean isEmpty() {
    return nextOffset == baseOffset;
  }

  long maxTimestamp() {
    return maxTimestamp;
  }

  /** Timestamp of the first entry; meaningful only when not empty. */
  long firstTimestamp() {
    return firstTimestamp;
  }

  @Override
  public void close() throws IOException {
    try (index; channel) {
      stopDirectAppends();
    }
  }

  /** Closes the appender, if any, and cuts the zeros it left after the last entry; no direct appends after. */
  private void stopDirectAppends() throws IOException {
    directAppendBytes = LogConfig.DIRECT_APPENDS_OFF;
    if (appender == null) {
      return;
    }
    appender.close();
    appender = null;
    if (channel.size() > size) {
      channel.truncate(size);
    }
  }

  /** Closes and deletes both files, the segment file first. */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(file);
    Files.deleteIfExists(index.file());
  }

  /** Its two files, the segment file first; for moving them elsewhere after {@link #close}. */
  List<Path> files() {
    return List.of(file, index.file());
  }
}
