package dev.argus.fragmentstore.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How the fragment store lays out and syncs its logs.
 *
 * @param flushInterval {@link #CONTINUOUS} (the default) for continuous group commit: a log with
 *     unsynced fragments is forced as soon as a flusher thread is free, and everything written
 *     while its previous fsync ran rides the next one, so a fragment waits for at most the fsync
 *     in progress plus its own; or a positive period: one fsync per dirty log per interval
 * @param flushers group-commit threads. Continuous: one pool shared by every stream, so different
 *     streams' fsyncs overlap and a slow one holds up only its own stream. Interval: streams are
 *     spread over the threads, each forcing its streams one after another
 * @param segmentAge a stream's fragment log rolls to a new segment after this much server time;
 *     retention drops whole segments, so data outlives its retention by up to this much
 * @param maxSegmentBytes and rolls at this size
 * @param zeroRetentionWindow how long a stream with DataRetentionInHours 0 keeps fragments for
 *     live readers (such fragments are never acknowledged PERSISTED)
 * @param retentionCheckInterval how often retention runs over every stream
 */
public record StoreConfig(Duration flushInterval, int flushers, Duration segmentAge, long maxSegmentBytes,
    Duration zeroRetentionWindow, Duration retentionCheckInterval) {

  /** The flush interval meaning continuous group commit. */
  public static final Duration CONTINUOUS = Duration.ZERO;
  public static final Duration DEFAULT_FLUSH_INTERVAL = CONTINUOUS;
  public static final int DEFAULT_FLUSHERS = 16;
  public static final Duration DEFAULT_SEGMENT_AGE = Duration.ofHours(1);
  public static final long DEFAULT_MAX_SEGMENT_BYTES = 256L << 20;
  public static final Duration DEFAULT_ZERO_RETENTION_WINDOW = Duration.ofMinutes(10);
  public static final Duration DEFAULT_RETENTION_CHECK_INTERVAL = Duration.ofMinutes(1);
  /** The largest fragment a stream stores: PutMedia's 50 MB limit. */
  public static final int MAX_FRAGMENT_BYTES = 50_000_000;

  public StoreConfig {
    if (Objects.requireNonNull(flushInterval, "flushInterval").isNegative()) {
      throw new IllegalArgumentException("flushInterval must not be negative: " + flushInterval);
    }
    for (Duration d : new Duration[] {segmentAge, zeroRetentionWindow, retentionCheckInterval}) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
    if (flushers < 1) {
      throw new IllegalArgumentException("flushers must be positive: " + flushers);
    }
    if (maxSegmentBytes < 1 << 20) {
      throw new IllegalArgumentException("maxSegmentBytes below 1 MiB: " + maxSegmentBytes);
    }
  }

  public static StoreConfig defaults() {
    return new StoreConfig(DEFAULT_FLUSH_INTERVAL, DEFAULT_FLUSHERS, DEFAULT_SEGMENT_AGE, DEFAULT_MAX_SEGMENT_BYTES,
        DEFAULT_ZERO_RETENTION_WINDOW, DEFAULT_RETENTION_CHECK_INTERVAL);
  }

  public StoreConfig withSegmentAge(Duration age) {
    return new StoreConfig(flushInterval, flushers, age, maxSegmentBytes, zeroRetentionWindow, retentionCheckInterval);
  }

  /** Whether the group commit is continuous rather than periodic. */
  public boolean continuousFlush() {
    return flushInterval.isZero();
  }

  public StoreConfig withFlushInterval(Duration interval) {
    return new StoreConfig(interval, flushers, segmentAge, maxSegmentBytes, zeroRetentionWindow, retentionCheckInterval);
  }
}
