package dev.argus.datastream.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DataStreamEngine} behaves.
 *
 * @param region          for ARNs, e.g. {@code us-east-1}
 * @param account         for ARNs, 12 digits
 * @param shardLimits     enforce the per-shard throughput budgets (Kinesis does); off for raw speed
 * @param fsyncInterval   group-commit interval; {@link Duration#ZERO} forces on every write
 * @param deleteDelay     how long a deleted stream stays DELETING before it is gone
 * @param maxOpenShards   open shards over all streams; more is a LimitExceededException
 * @param retentionCheck  how often expired segments are looked for
 * @param clock           arrival times, iterator expiry, retention and budgets
 */
public record EngineConfig(String region, String account, boolean shardLimits, Duration fsyncInterval,
                           Duration deleteDelay, int maxOpenShards, Duration retentionCheck, Clock clock) {

  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT = "000000000000";
  /** 2 ms: short enough that a put's latency is mostly the fsync itself. */
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(2);
  public static final Duration DEFAULT_DELETE_DELAY = Duration.ofMillis(500);
  /** Kinesis' default account shard quota in the large regions. */
  public static final int DEFAULT_MAX_OPEN_SHARDS = 500;
  public static final Duration DEFAULT_RETENTION_CHECK = Duration.ofMinutes(1);

  public EngineConfig {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(fsyncInterval, "fsyncInterval");
    Objects.requireNonNull(deleteDelay, "deleteDelay");
    Objects.requireNonNull(retentionCheck, "retentionCheck");
    Objects.requireNonNull(clock, "clock");
    if (fsyncInterval.isNegative() || deleteDelay.isNegative() || retentionCheck.isNegative() || retentionCheck.isZero()) {
      throw new IllegalArgumentException("durations must not be negative; retentionCheck positive");
    }
    if (maxOpenShards < 1) {
      throw new IllegalArgumentException("maxOpenShards must be positive");
    }
  }

  /** The defaults, limits on, with the system clock. */
  public static EngineConfig defaults() {
    return new EngineConfig(DEFAULT_REGION, DEFAULT_ACCOUNT, true, DEFAULT_FSYNC_INTERVAL, DEFAULT_DELETE_DELAY,
        DEFAULT_MAX_OPEN_SHARDS, DEFAULT_RETENTION_CHECK, Clock.systemUTC());
  }

  public EngineConfig withShardLimits(boolean on) {
    return new EngineConfig(region, account, on, fsyncInterval, deleteDelay, maxOpenShards, retentionCheck, clock);
  }

  public EngineConfig withClock(Clock newClock) {
    return new EngineConfig(region, account, shardLimits, fsyncInterval, deleteDelay, maxOpenShards, retentionCheck, newClock);
  }

  public EngineConfig withFsyncInterval(Duration interval) {
    return new EngineConfig(region, account, shardLimits, interval, deleteDelay, maxOpenShards, retentionCheck, clock);
  }

  public EngineConfig withDeleteDelay(Duration delay) {
    return new EngineConfig(region, account, shardLimits, fsyncInterval, delay, maxOpenShards, retentionCheck, clock);
  }

  public EngineConfig withMaxOpenShards(int max) {
    return new EngineConfig(region, account, shardLimits, fsyncInterval, deleteDelay, max, retentionCheck, clock);
  }

  /** {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
  public String streamArn(String name) {
    return "arn:aws:kinesis:" + region + ":" + account + ":stream/" + name;
  }
}
