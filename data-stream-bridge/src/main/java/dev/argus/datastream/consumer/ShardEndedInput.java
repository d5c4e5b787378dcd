package dev.argus.datastream.consumer;

import java.util.Objects;

/**
 * The shard was read to its end.
 *
 * @param shardId the shard
 * @param checkpointer whose {@link RecordProcessorCheckpointer#checkpoint()} records SHARD_END
 */
public record ShardEndedInput(String shardId, RecordProcessorCheckpointer checkpointer) {

  public ShardEndedInput {
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(checkpointer, "checkpointer");
  }
}
