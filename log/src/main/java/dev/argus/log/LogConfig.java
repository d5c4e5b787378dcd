package dev.argus.log;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a log rolls, indexes and syncs.
 *
 * @param maxSegmentBytes roll before an entry would make the active segment larger than this (a
 *     segment always takes at least one entry); at most {@link Integer#MAX_VALUE}
 * @param maxSegmentAge roll before an entry whose timestamp is this far or further past the first
 *     timestamp of a non-empty active segment; {@link #NO_SEGMENT_AGE_LIMIT} disables it
 * @param indexIntervalBytes add a sparse index entry once this many bytes were appended since the
 *     last one (the first entry of each segment is always indexed)
 * @param maxEntryBytes the largest payload {@link Log#append} accepts; larger ones throw {@link
 *     EntryTooLargeException}
 * @param fsync when appends are forced to disk
 * @param clock the time source for {@link Log#applyRetention(Duration)}; nothing else reads time
 * @param directAppendBytes appends (one entry, or one {@link Log#appendAll} batch within a segment)
 *     of at least this many bytes go past the page cache with direct I/O (O_DIRECT) where the file
 *     system allows it; smaller ones, and all of them where it does not, through the page cache.
 *     Direct appends cost less CPU per byte for large batches, and far less on virtual machines that
 *     back new page-cache pages lazily, but a read just after one comes from the device, not from
 *     memory. {@link #DIRECT_APPENDS_OFF} in {@link #defaults}
 * @param reaper where retention sends the segments it drops, to be freed in the background at a
 *     bounded rate; null (in {@link #defaults}) deletes them in place at once
 */
public record LogConfig(
    long maxSegmentBytes,
    Duration maxSegmentAge,
    int indexIntervalBytes,
    int maxEntryBytes,
    FsyncPolicy fsync,
    Clock clock,
    int directAppendBytes,
    FileReaper reaper) {

  /** 64 MiB. */
  public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L << 20;
  /** 4 KiB. */
  public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
  /** 16 MiB: above Kinesis' 1 MiB records and a typical video fragment. */
  public static final int DEFAULT_MAX_ENTRY_BYTES = 16 << 20;
  /** Every append through the page cache. */
  public static final int DIRECT_APPENDS_OFF = Integer.MAX_VALUE;
  /**
   * 128 KiB, for logs that take large batches: twice the size where direct and buffered appends
   * broke even on the reference machine (BENCHMARKS.md, "Large appends past the page cache").
   */
  public static final int DEFAULT_DIRECT_APPEND_BYTES = 128 << 10;
  /** Disables age-based rolling. */
  public static final Duration NO_SEGMENT_AGE_LIMIT = Duration.ofMillis(Long.MAX_VALUE);

  public LogConfig {
    Objects.requireNonNull(maxSegmentAge, "maxSegmentAge");
    Objects.requireNonNull(fsync, "fsync");
    Objects.requireNonNull(clock, "clock");
    if (maxSegmentBytes < EntryFormat.HEADER_BYTES || maxSegmentBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("maxSegmentBytes out of range: " + maxSegmentBytes);
    }
    if (maxSegmentAge.isNegative() || maxSegmentAge.isZero()) {
      throw new IllegalArgumentException("maxSegmentAge must be positive: " + maxSegmentAge);
    }
    if (indexIntervalBytes <= 0) {
      throw new IllegalArgumentException("indexIntervalBytes must be positive: " + indexIntervalBytes);
    }
    if (maxEntryBytes < 0 || maxEntryBytes > Integer.MAX_VALUE - EntryFormat.HEADER_BYTES) {
      throw new IllegalArgumentException("maxEntryBytes out of range: " + maxEntryBytes);
    }
    if (directAppendBytes < 0) {
      throw new IllegalArgumentException("directAppendBytes must not be negative: " + directAppendBytes);
    }
  }

  /** The defaults above, with the given fsync policy and clock. */
  public static LogConfig defaults(FsyncPolicy fsync, Clock clock) {
    return new LogConfig(DEFAULT_MAX_SEGMENT_BYTES, NO_SEGMENT_AGE_LIMIT,
        DEFAULT_INDEX_INTERVAL_BYTES, DEFAULT_MAX_ENTRY_BYTES, fsync, clock, DIRECT_APPENDS_OFF, null);
  }

  public LogConfig withMaxSegmentBytes(long bytes) {
    return new LogConfig(bytes, maxSegmentAge, indexIntervalBytes, maxEntryBytes,
        fsync, clock, directAppendBytes, reaper);
  }

  public LogConfig withMaxSegmentAge(Duration age) {
    return new LogConfig(maxSegmentBytes, age, indexIntervalBytes, maxEntryBytes,
        fsync, clock, directAppendBytes, reaper);
  }

  public LogConfig withIndexIntervalBytes(int bytes) {
    return new LogConfig(maxSegmentBytes, maxSegmentAge, bytes, maxEntryBytes, fsync, clock, directAppendBytes, reaper);
  }

  public LogConfig withMaxEntryBytes(int bytes) {
    return new LogConfig(maxSegmentBytes, maxSegmentAge, indexIntervalBytes, bytes,
        fsync, clock, directAppendBytes, reaper);
  }

  public LogConfig withDirectAppendBytes(int bytes) {
    return new LogConfig(maxSegmentBytes, maxSegmentAge, indexIntervalBytes, maxEntryBytes,
        fsync, clock, bytes, reaper);
  }

  /** Retention sends dropped segments to {@code files} (null: deletes them in place). */
  public LogConfig withReaper(FileReaper files) {
    return new LogConfig(maxSegmentBytes, maxSegmentAge, indexIntervalBytes, maxEntryBytes,
        fsync, clock, directAppendBytes, files);
  }

  public LogConfig withFsync(FsyncPolicy policy) {
    return new LogConfig(maxSegmentBytes, maxSegmentAge, indexIntervalBytes, maxEntryBytes,
        policy, clock, directAppendBytes, reaper);
  }
}
