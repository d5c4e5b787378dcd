package dev.argus.fragmentstore.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How the fragment store lays out and syncs its logs.
 *
 * @param flushInterval the group commit's period: one fsync per dirty log per interval, so a
 *     fragment is PERSISTED at most about this long after it is written
 * @param flushers group-commit threads; streams are spread over them, so one stream's slow fsync
 *     does not hold up the others' (each thread forces its streams one after another, so with
 *     many streams a fragment waits for the fsyncs of the streams ahead of it on its thread; more
 *     threads run more fsyncs at once, which the file system's journal commits together)
 * @param segmentAge a stream's fragment log rolls to a new segment after this much server time;
 *     retention drops whole segments, so data outlives its retention by up to this much
 * @param maxSegmentBytes and rolls at this size
 * @param zeroRetentionWindow how long a stream with DataRetentionInHours 0 keeps fragments for
 *     live readers (such fragments are never acknowledged PERSISTED)
 * @param retentionCheckInterval how often retention runs over every stream
 */
public record StoreConfig(Duration flushInterval, int flushers, Duration segmentAge, long maxSegmentBytes,
    Duration zeroRetentionWindow, Duration retentionCheckInterval) {

  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(5);
  public static final int DEFAULT_FLUSHERS = 16;
  public static final Duration DEFAULT_SEGMENT_AGE = Duration.ofHours(1);
  public static final long DEFAULT_MAX_SEGMENT_BYTES = 256L << 20;
  public static final Duration DEFAULT_ZERO_RETENTION_WINDOW = Duration.ofMinutes(10);
  public static final Duration DEFAULT_RETENTION_CHECK_INTERVAL = Duration.ofMinutes(1);
  /** The largest fragment a stream stores: PutMedia's 50 MB limit. */
  public static final int MAX_FRAGMENT_BYTES = 50_000_000;

  public StoreConfig {
    for (Duration d : new Duration[] {flushInterval, segmentAge, zeroRetentionWindow, retentionCheckInterval}) {
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

  public StoreConfig withFlushInterval(Duration interval) {
    return new StoreConfig(interval, flushers, segmentAge, maxSegmentBytes, zeroRetentionWindow, retentionCheckInterval);
  }
}
