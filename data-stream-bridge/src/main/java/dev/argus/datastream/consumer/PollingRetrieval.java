package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Checkpoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** {@link Retrieval} by GetRecords polling, one {@link ShardFetcher} per shard. Thread-safe. */
final class PollingRetrieval implements Retrieval {

  private final KinesisShards shards;
  private final ConsumerConfig config;

  PollingRetrieval(KinesisShards shards, ConsumerConfig config) {
    this.shards = Objects.requireNonNull(shards, "shards");
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public List<ShardDescription> listShards() {
    return shards.listShards();
  }

  @Override
  public void prepare() {
    // nothing to set up for GetRecords
  }

  @Override
  public RecordsSource open(String shardId, Checkpoint start, Instant atTimestamp) {
    return new ShardFetcher(shards, shardId, start, atTimestamp, config);
  }
}
