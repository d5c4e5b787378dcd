package dev.argus.datastream.consumer;

import java.util.Objects;

/**
 * The worker is shutting down; the lease is released after this call returns.
 *
 * @param shardId the shard
 * @param checkpointer checkpoints up to the last record delivered
 */
public record ShutdownRequestedInput(String shardId, RecordProcessorCheckpointer checkpointer) {

  public ShutdownRequestedInput {
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(checkpointer, "checkpointer");
  }
}
