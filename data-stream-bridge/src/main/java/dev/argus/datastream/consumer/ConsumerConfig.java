package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.LeaseBalancer;
import dev.argus.datastream.lease.LeaseExpiry;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Scheduler} consumes one stream.
 *
 * @param streamName the stream to consume
 * @param workerId this worker's name in the lease table; unique among the application's workers
 * @param initialPosition where shards without a checkpoint start
 * @param failover how long a lease may go unrenewed before another worker takes it
 * @param renewInterval how often held leases are renewed; less than a third of {@code failover}
 * @param takeInterval how often the lease table is scanned to take, steal and balance
 * @param shardSyncInterval how often the stream's shards are listed to create missing leases
 * @param maxRecordsPerCall the GetRecords Limit, 1..10000
 * @param idleBetweenReads the pause after a GetRecords call that returned nothing
 * @param maxPrefetchBatches GetRecords results buffered per shard ahead of the processor
 * @param maxTakeAtOnce leases taken per scan
 * @param throttleBackoffMax the longest pause after ProvisionedThroughputExceeded
 */
public record ConsumerConfig(String streamName, String workerId, InitialPosition initialPosition, Duration failover,
    Duration renewInterval, Duration takeInterval, Duration shardSyncInterval, int maxRecordsPerCall,
    Duration idleBetweenReads, int maxPrefetchBatches, int maxTakeAtOnce, Duration throttleBackoffMax) {

  public static final int DEFAULT_MAX_RECORDS_PER_CALL = 10_000;
  public static final Duration DEFAULT_IDLE_BETWEEN_READS = Duration.ofMillis(200);
  /** Three batches of at most 10,000 records (10 MiB each at most) per shard. */
  public static final int DEFAULT_MAX_PREFETCH_BATCHES = 3;
  public static final Duration DEFAULT_SHARD_SYNC_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_THROTTLE_BACKOFF_MAX = Duration.ofSeconds(5);

  public ConsumerConfig {
    Objects.requireNonNull(streamName, "streamName");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(initialPosition, "initialPosition");
    positive(failover, "failover");
    positive(renewInterval, "renewInterval");
    positive(takeInterval, "takeInterval");
    positive(shardSyncInterval, "shardSyncInterval");
    positive(idleBetweenReads, "idleBetweenReads");
    positive(throttleBackoffMax, "throttleBackoffMax");
    if (renewInterval.multipliedBy(3).compareTo(failover) > 0) {
      throw new IllegalArgumentException("renewInterval must be at most a third of failover");
    }
    if (maxRecordsPerCall < 1 || maxRecordsPerCall > 10_000) {
      throw new IllegalArgumentException("maxRecordsPerCall must be 1..10000");
    }
    if (maxPrefetchBatches < 1 || maxTakeAtOnce < 1) {
      throw new IllegalArgumentException("maxPrefetchBatches and maxTakeAtOnce must be positive");
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /** Defaults like the KCL's: 10 s failover, renewals every 10/3 s, scans every failover/2. */
  public static ConsumerConfig defaults(String streamName, String workerId, InitialPosition initialPosition) {
    return withFailover(streamName, workerId, initialPosition, LeaseExpiry.DEFAULT_FAILOVER);
  }

  /** Defaults with renewal and scan intervals derived from {@code failover}. */
  public static ConsumerConfig withFailover(String streamName, String workerId, InitialPosition initialPosition,
      Duration failover) {
    return new ConsumerConfig(streamName, workerId, initialPosition, failover, failover.dividedBy(3),
        failover.dividedBy(2), DEFAULT_SHARD_SYNC_INTERVAL, DEFAULT_MAX_RECORDS_PER_CALL, DEFAULT_IDLE_BETWEEN_READS,
        DEFAULT_MAX_PREFETCH_BATCHES, LeaseBalancer.DEFAULT_MAX_TAKE_AT_ONCE, DEFAULT_THROTTLE_BACKOFF_MAX);
  }

  public ConsumerConfig withShardSyncInterval(Duration interval) {
    return new ConsumerConfig(streamName, workerId, initialPosition, failover, renewInterval, takeInterval, interval,
        maxRecordsPerCall, idleBetweenReads, maxPrefetchBatches, maxTakeAtOnce, throttleBackoffMax);
  }

  public ConsumerConfig withIdleBetweenReads(Duration idle) {
    return new ConsumerConfig(streamName, workerId, initialPosition, failover, renewInterval, takeInterval,
        shardSyncInterval, maxRecordsPerCall, idle, maxPrefetchBatches, maxTakeAtOnce, throttleBackoffMax);
  }

  public ConsumerConfig withMaxRecordsPerCall(int max) {
    return new ConsumerConfig(streamName, workerId, initialPosition, failover, renewInterval, takeInterval,
        shardSyncInterval, max, idleBetweenReads, maxPrefetchBatches, maxTakeAtOnce, throttleBackoffMax);
  }
}
