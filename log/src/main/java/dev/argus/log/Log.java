package dev.argus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A segmented append-only log in one directory: entries with dense offsets from 0, caller-given
 * timestamps and opaque payloads, stored in segment files with sparse index files, both named by
 * base offset. The on-disk format is in the package documentation.
 *
 * <p><b>Writer.</b> {@link #append}, {@link #deleteSegmentsOlderThan}, {@link #applyRetention} and
 * {@link #close} belong to a single writer. Overlapping calls are not queued: the one that finds
 * another in progress throws {@link java.util.ConcurrentModificationException} and changes nothing
 * ({@code close} instead waits). One process holds a directory at a time ({@link
 * LogLockedException}).
 *
 * <p><b>Readers.</b> Every read method is safe from any thread, never blocks the writer, and sees
 * exactly the entries below the published {@link #nextOffset()}: an entry is published only after
 * it is wholly written, so partial entries are never visible. Each read verifies the CRC of every
 * entry it returns. A read that races retention of its segment fails with {@link
 * OffsetOutOfRangeException}; one that races {@code close} with {@link LogClosedException}. Do not
 * interrupt a thread inside a read or append: an interrupt during {@link
 * java.nio.channels.FileChannel} I/O closes the channel for every thread (JDK behaviour), and the
 * log must then be reopened.
 *
 * <p><b>Durability.</b> {@code append} returns once the entry is written to the OS, not yet on
 * disk; {@link #durable(long)} completes after an fsync covering the offset, per the {@link
 * FsyncPolicy}: at once under every-write, after the next tick of an interval {@link LogFlusher},
 * or after the fsync a continuous {@link LogFlusher} starts as soon as it is free. {@code close}
 * forces everything. Entries are visible to readers (below {@link #nextOffset()}) once written,
 * before they are durable; a caller that must not expose what a power loss could take back (the
 * data-stream engine) gates its readers on {@link #durable}.
 *
 * <p><b>Crash behaviour.</b> On open the last segment is verified and cut after its last valid
 * entry: a torn tail is dropped and everything that was durable survives. Missing or damaged
 * indexes are rebuilt. Damage in any other segment is a {@link CorruptLogException}, on open or on
 * the read that meets it. One limit: inside the last segment a crash's torn write and later bit rot
 * look alike, so a bad entry there is cut together with everything after it. Entries visible after
 * open are forced before open returns, so they are all durable.
 *
 * <p><b>Timestamps</b> must be non-decreasing; a smaller one is clamped to the largest so far and
 * stored clamped. This keeps the time index ordered without failing producers whose clocks step
 * back.
 */
public final class Log implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Log.class);

  private final Path dir;
  private final LogConfig config;
  private final DirectoryLock lock;
  /** Live segments; the last is {@link #active}. Writer-mutated. */
  private final SegmentList segments;
  private final DurabilityTracker durability;
  /** Held by the writer; see the class comment. */
  private final ReentrantLock writer = new ReentrantLock();
  /** Serialises forcing with close and segment deletion. */
  private final Object forceLock = new Object();
  /** The segment appended to. */
  private volatile Segment active;
  /** The published end: entries below it are wholly written. */
  private volatile long nextOffset;
  private volatile boolean closed;
  /** The write or force error that failed the log, or null. */
  private volatile IOException failure;
  /** Largest timestamp stored; writer only. */
  private long maxTimestamp;
  /** Number of forces that advanced durability; for tests. */
  private volatile long forces;
  /** Set while the log waits in a continuous {@link LogFlusher}'s queue; owned by that flusher. */
  final AtomicBoolean flushQueued = new AtomicBoolean();

  /**
   * Bytes {@link #appendAll} packs into one write(2) at most: 256 KiB, held once per thread that
   * calls it (not per log), so memory is bounded by the writer threads, not by the open logs.
   */
  static final int DEFAULT_WRITE_BUFFER_BYTES = 256 << 10;
  /**
   * Each writer thread's packing buffer, allocated on first use. Direct, so a write(2) takes it
   * without the JDK's copy into a temporary direct buffer; a log's writer lock keeps one thread in
   * it per log, and a thread is in one log's append at a time.
   */
  private static final ThreadLocal<ByteBuffer> SCRATCH =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(DEFAULT_WRITE_BUFFER_BYTES));

  private Log(Path dir, LogConfig config, DirectoryLock lock, List<Segment> loaded) {
    this.dir = dir;
    this.config = config;
    this.lock = lock;
    this.segments = new SegmentList(loaded);
    this.active = loaded.get(loaded.size() - 1);
    this.nextOffset = active.nextOffset();
    this.maxTimestamp = segments.maxTimestamp();
    this.durability = new DurabilityTracker(nextOffset);
  }

  /** Opens or creates the log in {@code dir}, recovering it after a crash; see the class comment. */
  public static Log open(Path dir, LogConfig config) throws IOException {
    Files.createDirectories(dir);
    DirectoryLock lock = DirectoryLock.acquire(dir);
    try {
      Log log = new Log(dir, config, lock, SegmentLoader.load(dir, config.indexIntervalBytes()));
      log.active.startDirectAppends(config.directAppendBytes());
      if (config.fsync() instanceof FsyncPolicy.Interval interval) {
        interval.flusher().register(log);
      }
      return log;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Appends an entry and returns its offset. The payload's remaining bytes are copied to the OS
   * before return; its position is unchanged. Rolls first if the entry would overflow the active
   * segment or it is past {@link LogConfig#maxSegmentAge()}.
   *
   * @throws EntryTooLargeException above {@link LogConfig#maxEntryBytes()}; nothing written
   * @throws LogClosedException closed, or failed by an earlier write or force error
   * @throws IOException a write error; the log is then failed, and reopening it recovers
   */
  public long append(long timestampMillis, ByteBuffer payload) throws IOException {
    enterWriter();
    try {
      ensureWritable();
      if (payload.remaining() > config.maxEntryBytes()) {
        throw new EntryTooLargeException(payload.remaining(), config.maxEntryBytes());
      }
      long timestamp = Math.max(timestampMillis, maxTimestamp);
      long offset = nextOffset;
      try {
        rollIfNeeded(EntryFormat.HEADER_BYTES + (long) payload.remaining(), timestamp);
        active.append(offset, timestamp, payload);
      } catch (IOException e) {
        fail(e);
        throw e;
      }
      maxTimestamp = timestamp;
      nextOffset = offset + 1;
      afterAppend();
      return offset;
    } finally {
      writer.unlock();
    }
  }

  /**
   * Appends the payloads as consecutive entries, all with one timestamp, and returns the first's
   * offset (the i-th payload gets that plus i). The same contract as {@link #append}, for a batch:
   * every payload is checked before anything is written, the entries are packed into as few
   * write(2) calls as the segment boundaries and a {@link #DEFAULT_WRITE_BUFFER_BYTES} buffer allow, rolling where an entry would
   * overflow the active segment, and they are published together once all are written. Under
   * {@link FsyncPolicy.EveryWrite} the whole batch costs one fsync; under group commit, {@link
   * #durable} of the last offset covers them all.
   *
   * @throws IllegalArgumentException for an empty list
   * @throws EntryTooLargeException a payload is above {@link LogConfig#maxEntryBytes()}; nothing
   *     written
   * @throws LogClosedException closed, or failed by an earlier write or force error
   * @throws IOException a write error; the log is then failed, and reopening it recovers
   */
  public long appendAll(long timestampMillis, List<ByteBuffer> payloads) throws IOException {
    if (payloads.isEmpty()) {
      throw new IllegalArgumentException("nothing to append");
    }
    enterWriter();
    try {
      ensureWritable();
      for (ByteBuffer payload : payloads) {
        if (payload.remaining() > config.maxEntryBytes()) {
          throw new EntryTooLargeException(payload.remaining(), config.maxEntryBytes());
        }
      }
      long timestamp = Math.max(timestampMillis, maxTimestamp);
      long first = nextOffset;
      ByteBuffer scratch = SCRATCH.get();
      try {
        for (int from = 0; from < payloads.size(); ) {
          rollIfNeeded(EntryFormat.HEADER_BYTES + (long) payloads.get(from).remaining(), timestamp);
          int to = fittingRun(payloads, from);
          active.appendAll(nextOffset, timestamp, payloads, from, to, scratch);
          nextOffset += to - from; // published per segment: roll() names the next one by it
          from = to;
        }
      } catch (IOException e) {
        fail(e);
        throw e;
      }
      maxTimestamp = timestamp;
      afterAppend();
      return first;
    } finally {
      writer.unlock();
    }
  }

  /**
   * The end of the run of payloads from {@code from} that fits the active segment; at least one,
   * which {@link #rollIfNeeded} made room for.
   */
  private int fittingRun(List<ByteBuffer> payloads, int from) {
    long size = active.size();
    int to = from;
    do {
      size += EntryFormat.HEADER_BYTES + (long) payloads.get(to).remaining();
      to++;
    } while (to < payloads.size()
        && size + EntryFormat.HEADER_BYTES + payloads.get(to).remaining() <= config.maxSegmentBytes());
    return to;
  }

  /** Forces now under {@link FsyncPolicy.EveryWrite}; tells a continuous flusher otherwise. */
  private void afterAppend() throws IOException {
    if (config.fsync() instanceof FsyncPolicy.EveryWrite) {
      flush();
    } else if (config.fsync() instanceof FsyncPolicy.Interval interval) {
      interval.flusher().appended(this);
    }
  }

  private void rollIfNeeded(long entryBytes, long timestamp) throws IOException {
    Segment segment = active;
    if (segment.isEmpty()) {
      return;
    }
    long ageLimit = config.maxSegmentAge().toMillis();
    boolean full = segment.size() + entryBytes > config.maxSegmentBytes();
    boolean old = ageLimit != Long.MAX_VALUE && timestamp - segment.firstTimestamp() >= ageLimit;
    if (full || old) {
      roll();
    }
  }

  /**
   * Seals (forces) the active segment before its successor becomes {@link #active}. {@link #flush()}
   * relies on this order: it reads the end, then the active segment, and forces only that one.
   */
  private void roll() throws IOException {
    active.seal();
    Segment next = Segment.create(dir, nextOffset, config.indexIntervalBytes());
    next.startDirectAppends(config.directAppendBytes());
    FileIo.forceDirectory(dir);
    segments.add(next);
    active = next;
  }

  /**
   * A future that completes once {@code offset} is on disk: at once if it already is, else after
   * the fsync that covers it. It fails with the error if the log fails first (the entry may still
   * be on disk: reopening the log tells), or with {@link LogClosedException} if the log is closed
   * without it being durable. Callbacks run on the thread that forced (the appender, the flusher
   * thread, or the closer), so they must not block; each call returns a new future, which the
   * caller may cancel without affecting others.
   *
   * @throws IllegalArgumentException for a negative offset or one not yet appended
   */
  public CompletableFuture<Void> durable(long offset) {
    if (offset < 0 || offset >= nextOffset) {
      throw new IllegalArgumentException("offset " + offset + " is not in [0, " + nextOffset + ")");
    }
    return durability.await(offset);
  }

  /**
   * Forces the log now if it has appends that are not durable; any thread. Futures are completed
   * after the force lock is released, so their callbacks may call back into the log.
   */
  void flush() throws IOException {
    long target;
    synchronized (forceLock) {
      if (failure != null) {
        throw new LogClosedException("log failed", failure);
      }
      target = nextOffset; // read before active: see roll()
      if (closed || target <= durability.durableEnd()) {
        return;
      }
      try {
        active.force(); // segments before it were forced when rolled
      } catch (IOException e) {
        fail(e);
        throw e;
      }
      forces++;
    }
    durability.advance(target);
  }

  /** {@link #flush()} for the flusher thread; a failure already failed the log and its waiters. */
  void flushQuietly() {
    if (failure != null || closed) {
      return;
    }
    try {
      flush();
    } catch (IOException | RuntimeException e) {
      LOG.warn("forcing log {} failed; it refuses further appends until reopened", dir, e);
    }
  }

  private void fail(IOException cause) {
    failure = cause;
    durability.fail(cause);
  }

  /**
   * The entry at {@code offset}, or empty if {@code offset >= nextOffset()}.
   *
   * @throws OffsetOutOfRangeException below {@link #firstOffset()}
   * @throws CorruptLogException the entry fails its CRC or offset check
   */
  public Optional<LogEntry> read(long offset) throws IOException {
    long end = nextOffset;
    checkReadable(offset);
    if (offset >= end) {
      return Optional.empty();
    }
    try {
      return Optional.of(segments.segmentFor(offset).read(offset));
    } catch (ClosedChannelException e) {
      throw raced(offset, e);
    }
  }

  /**
   * Up to {@code maxEntries} consecutive entries from {@code fromOffset}, stopping before the entry
   * whose payload would take the total payload bytes past {@code maxBytes}; the first entry is
   * always returned, however large, so a reader always makes progress. Empty if {@code fromOffset
   * >= nextOffset()}.
   *
   * @throws OffsetOutOfRangeException below {@link #firstOffset()}
   */
  public List<LogEntry> read(long fromOffset, int maxEntries, long maxBytes) throws IOException {
    if (maxEntries <= 0 || maxBytes < 0) {
      throw new IllegalArgumentException("maxEntries must be > 0 and maxBytes >= 0");
    }
    long end = nextOffset;
    checkReadable(fromOffset);
    try {
      return segments.read(fromOffset, end, maxEntries, maxBytes);
    } catch (ClosedChannelException e) {
      throw raced(fromOffset, e);
    }
  }

  /**
   * The timestamp stored for {@code offset} (read from its header; the payload is not read or
   * verified), or empty if {@code offset >= nextOffset()}.
   */
  public OptionalLong timestampOf(long offset) throws IOException {
    long end = nextOffset;
    checkReadable(offset);
    if (offset >= end) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(segments.segmentFor(offset).timestampOf(offset));
    } catch (ClosedChannelException e) {
      throw raced(offset, e);
    }
  }

  /**
   * The first offset whose timestamp is {@code >= timestampMillis} (Kinesis AT_TIMESTAMP), or
   * {@link #nextOffset()} if there is none. Uses the segments' last timestamps, then the time index.
   */
  public long offsetAtOrAfter(long timestampMillis) throws IOException {
    long end = nextOffset;
    ensureOpen();
    for (int attempt = 1; ; attempt++) {
      try {
        return segments.offsetAtOrAfter(timestampMillis, end);
      } catch (ClosedChannelException e) {
        if (closed || attempt == 3) {
          throw closed ? new LogClosedException("log closed during the read", e) : e;
        }
        // Retention deleted a segment under us; the lookup restarts from the new first segment.
      }
    }
  }

  /** The oldest offset still stored (equal to {@link #nextOffset()} when the log is empty). */
  public long firstOffset() {
    return segments.firstOffset();
  }

  /** The offset the next append gets; entries below it are visible to readers. */
  public long nextOffset() {
    return nextOffset;
  }

  /**
   * Deletes, oldest first, whole segments whose newest entry is older than {@code cutoffMillis}.
   * If that is every entry, the active segment is rolled first and deleted too, so idle logs drain;
   * a segment with any entry at or after the cutoff is kept. Writer only. Returns the segments
   * deleted; {@link #firstOffset()} moves to the oldest kept segment.
   */
  public int deleteSegmentsOlderThan(long cutoffMillis) throws IOException {
    enterWriter();
    try {
      ensureWritable();
      if (!active.isEmpty() && active.maxTimestamp() < cutoffMillis) {
        roll();
      }
      List<Segment> doomed = segments.olderThan(cutoffMillis, active);
      if (!doomed.isEmpty()) {
        deleteOldest(doomed);
      }
      return doomed.size();
    } finally {
      writer.unlock();
    }
  }

  /**
   * Deletes the segments, oldest first so that a crash leaves a contiguous suffix: in place, or,
   * with a {@link LogConfig#reaper()}, by moving their files into its trash (one rename each, the
   * directories forced once).
   */
  private void deleteOldest(List<Segment> doomed) throws IOException {
    FileReaper reaper = config.reaper();
    synchronized (forceLock) {
      segments.removeOldest(doomed);
      if (reaper != null) {
        List<Path> files = new ArrayList<>();
        for (Segment segment : doomed) {
          segment.close();
          files.addAll(segment.files());
        }
        reaper.delete(files.toArray(Path[]::new)); // forces this directory and the trash
        return;
      }
      for (Segment segment : doomed) {
        segment.delete();
      }
    }
    FileIo.forceDirectory(dir);
  }

  /** {@link #deleteSegmentsOlderThan} with the cutoff {@code retention} before the config's clock. */
  public int applyRetention(Duration retention) throws IOException {
    return deleteSegmentsOlderThan(config.clock().millis() - retention.toMillis());
  }

  /**
   * Forces all appends, completes their durability futures, and releases the files and the
   * directory lock. Idempotent; waits for an append in progress.
   */
  @Override
  public void close() throws IOException {
    writer.lock();
    try {
      if (closed) {
        return;
      }
      if (config.fsync() instanceof FsyncPolicy.Interval interval) {
        interval.flusher().deregister(this);
      }
      IOException error = null;
      if (failure == null) { // a failed log already reported its error; just release it
        try {
          flush();
        } catch (IOException e) {
          error = e;
        }
      }
      synchronized (forceLock) {
        closed = true;
        durability.fail(new LogClosedException("log closed before the offset was durable"));
        for (Segment segment : segments.all()) {
          error = closeQuietly(segment, error);
        }
        error = closeQuietly(lock, error);
      }
      if (error != null) {
        throw error;
      }
    } finally {
      writer.unlock();
    }
  }

  private static IOException closeQuietly(AutoCloseable closeable, IOException error) {
    try {
      closeable.close();
      return error;
    } catch (Exception e) {
      IOException failure = error != null ? error : new IOException("close failed", e);
      if (failure != e) {
        failure.addSuppressed(e);
      }
      return failure;
    }
  }

  /**
   * Deletes a log's directory and everything in it (DeleteStream); close the log first. An absent
   * directory is fine.
   */
  public static void deleteAll(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }

  long forces() {
    return forces;
  }

  Path dir() {
    return dir;
  }

  private IOException raced(long offset, ClosedChannelException e) {
    if (closed) {
      return new LogClosedException("log closed during the read", e);
    }
    long first = segments.firstOffset();
    return offset < first ? new OffsetOutOfRangeException(offset, first) : e;
  }

  private void checkReadable(long offset) throws IOException {
    ensureOpen();
    long first = segments.firstOffset();
    if (offset < first) {
      throw new OffsetOutOfRangeException(offset, first);
    }
  }

  private void ensureOpen() throws LogClosedException {
    if (closed) {
      throw new LogClosedException("log closed: " + dir);
    }
  }

  private void ensureWritable() throws LogClosedException {
    ensureOpen();
    if (failure != null) {
      throw new LogClosedException("log failed; reopen it to recover: " + dir, failure);
    }
  }

  private void enterWriter() {
    if (!writer.tryLock()) {
      throw new java.util.ConcurrentModificationException(
          "another thread is writing to " + dir + "; a log has a single writer");
    }
  }
}
