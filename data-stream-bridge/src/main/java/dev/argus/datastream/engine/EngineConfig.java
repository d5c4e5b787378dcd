package dev.argus.datastream.engine;

import dev.argus.log.LogConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DataStreamEngine} behaves.
 *
 * @param region          for ARNs, e.g. {@code us-east-1}
 * @param account         for ARNs, 12 digits
 * @param shardLimits     enforce the per-shard throughput budgets (Kinesis does); off for raw speed
 * @param fsyncInterval   the interval of {@link FsyncMode#INTERVAL} group commit; ignored otherwise
 * @param deleteDelay     how long a deleted stream stays DELETING before it is gone
 * @param maxOpenShards   open shards over all streams; more is a LimitExceededException
 * @param retentionCheck  how often expired segments are looked for
 * @param clock           arrival times, iterator expiry, retention and budgets
 * @param fsyncMode       when shard logs are forced; whichever it is, a put is acknowledged, and its
 *                        records readable, only after an fsync covering them
 * @param directAppendBytes shard-log appends (one PutRecords batch) of at least this many bytes go
 *                        past the page cache with O_DIRECT where the file system allows it ({@link
 *                        LogConfig#directAppendBytes()}); {@link #DIRECT_APPENDS_OFF} keeps them all
 *                        buffered
 */
public record EngineConfig(String region, String account, boolean shardLimits, Duration fsyncInterval,
                           Duration deleteDelay, int maxOpenShards, Duration retentionCheck, Clock clock,
                           FsyncMode fsyncMode, int directAppendBytes) {

  /** When shard logs are forced to disk. */
  public enum FsyncMode {
    /** Each append forces its log before the put returns; one fsync per put per shard. */
    EVERY_WRITE,
    /** A flusher thread forces every dirty log once per {@link #fsyncInterval()}. */
    INTERVAL,
    /**
     * Group commit without a timer ({@code LogFlusher.continuous}): a log is forced as soon as a
     * flusher thread is free, and everything appended while an fsync runs rides the next one.
     */
    CONTINUOUS
  }

  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT = "000000000000";
  /** 2 ms, for {@link FsyncMode#INTERVAL}. */
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(2);
  /**
   * Flusher threads of {@link FsyncMode#CONTINUOUS}: 4, so the fsyncs of up to four shards overlap
   * (they mostly wait on the disk, not a core).
   */
  public static final int DEFAULT_FSYNC_THREADS = 4;
  public static final Duration DEFAULT_DELETE_DELAY = Duration.ofMillis(500);
  /** Kinesis' default account shard quota in the large regions. */
  public static final int DEFAULT_MAX_OPEN_SHARDS = 500;
  public static final Duration DEFAULT_RETENTION_CHECK = Duration.ofMinutes(1);
  /** 128 KiB: large PutRecords batches skip the page cache (BENCHMARKS.md, "Large appends past the page cache"). */
  public static final int DEFAULT_DIRECT_APPEND_BYTES = LogConfig.DEFAULT_DIRECT_APPEND_BYTES;
  /** Every shard-log append through the page cache. */
  public static final int DIRECT_APPENDS_OFF = LogConfig.DIRECT_APPENDS_OFF;

  public EngineConfig {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(fsyncInterval, "fsyncInterval");
    Objects.requireNonNull(deleteDelay, "deleteDelay");
    Objects.requireNonNull(retentionCheck, "retentionCheck");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(fsyncMode, "fsyncMode");
    if (fsyncInterval.isNegative() || deleteDelay.isNegative() || retentionCheck.isNegative() || retentionCheck.isZero()) {
      throw new IllegalArgumentException("durations must not be negative; retentionCheck positive");
    }
    if (maxOpenShards < 1) {
      throw new IllegalArgumentException("maxOpenShards must be positive");
    }
    if (directAppendBytes < 0) {
      throw new IllegalArgumentException("directAppendBytes must not be negative: " + directAppendBytes);
    }
  }

  /**
   * The earlier shape, without a mode: {@link Duration#ZERO} means {@link FsyncMode#EVERY_WRITE}, any other
   * interval {@link FsyncMode#INTERVAL}.
   */
  public EngineConfig(String region, String account, boolean shardLimits, Duration fsyncInterval,
                      Duration deleteDelay, int maxOpenShards, Duration retentionCheck, Clock clock) {
    this(region, account, shardLimits, fsyncInterval, deleteDelay, maxOpenShards, retentionCheck, clock,
        modeOf(fsyncInterval), DEFAULT_DIRECT_APPEND_BYTES);
  }

  private static FsyncMode modeOf(Duration interval) {
    return Objects.requireNonNull(interval, "fsyncInterval").isZero() ? FsyncMode.EVERY_WRITE : FsyncMode.INTERVAL;
  }

  /** The defaults, limits on, continuous group commit, with the system clock. */
  public static EngineConfig defaults() {
    return new EngineConfig(DEFAULT_REGION, DEFAULT_ACCOUNT, true, DEFAULT_FSYNC_INTERVAL, DEFAULT_DELETE_DELAY,
        DEFAULT_MAX_OPEN_SHARDS, DEFAULT_RETENTION_CHECK, Clock.systemUTC(), FsyncMode.CONTINUOUS,
        DEFAULT_DIRECT_APPEND_BYTES);
  }

  public EngineConfig withShardLimits(boolean on) {
    return new EngineConfig(region, account, on, fsyncInterval, deleteDelay, maxOpenShards, retentionCheck, clock,
        fsyncMode, directAppendBytes);
  }

  public EngineConfig withClock(Clock newClock) {
    return new EngineConfig(region, account, shardLimits, fsyncInterval, deleteDelay, maxOpenShards, retentionCheck, newClock,
        fsyncMode, directAppendBytes);
  }

  /** Interval group commit every {@code interval}; {@link Duration#ZERO} forces on every write instead. */
  public EngineConfig withFsyncInterval(Duration interval) {
    return new EngineConfig(region, account, shardLimits, interval, deleteDelay, maxOpenShards, retentionCheck, clock,
        modeOf(interval), directAppendBytes);
  }

  public EngineConfig withFsyncMode(FsyncMode mode) {
    return new EngineConfig(region, account, shardLimits, fsyncInterval, deleteDelay, maxOpenShards, retentionCheck, clock,
        mode, directAppendBytes);
  }

  public EngineConfig withDeleteDelay(Duration delay) {
    return new EngineConfig(region, account, shardLimits, fsyncInterval, delay, maxOpenShards, retentionCheck, clock,
        fsyncMode, directAppendBytes);
  }

  public EngineConfig withMaxOpenShards(int max) {
    return new EngineConfig(region, account, shardLimits, fsyncInterval, deleteDelay, max, retentionCheck, clock,
        fsyncMode, directAppendBytes);
  }

  /** Large appends past the page cache from {@code bytes} on; {@link #DIRECT_APPENDS_OFF} for none. */
  public EngineConfig withDirectAppendBytes(int bytes) {
    return new EngineConfig(region, account, shardLimits, fsyncInterval, deleteDelay, maxOpenShards, retentionCheck, clock,
        fsyncMode, bytes);
  }

  /** {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
  public String streamArn(String name) {
    return "arn:aws:kinesis:" + region + ":" + account + ":stream/" + name;
  }
}
