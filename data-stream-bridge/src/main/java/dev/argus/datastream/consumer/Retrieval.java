package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Checkpoint;
import java.time.Instant;
import java.util.List;

/**
 * How a {@link Scheduler} lists a stream's shards and reads each leased one: polling
 * ({@link PollingRetrieval}) or enhanced fan-out ({@link FanOutRetrieval}). The two are
 * interchangeable for {@link ShardConsumer}. Implementations are thread-safe.
 */
interface Retrieval {

  /** Every shard of the stream, open and closed, parents before children. */
  List<ShardDescription> listShards();

  /** Readies retrieval before the first {@link #open} (fan-out registers its consumer); idempotent. */
  void prepare();

  /**
   * A source of one shard's records from a lease's position: a sentinel (TRIM_HORIZON, LATEST,
   * AT_TIMESTAMP with {@code atTimestamp}), or AT_SEQUENCE_NUMBER of a checkpoint, whose already
   * processed user records the caller drops.
   */
  RecordsSource open(String shardId, Checkpoint start, Instant atTimestamp);
}
