package dev.argus.datastream.consumer;

import java.util.Objects;

/**
 * The shard's lease was lost.
 *
 * @param shardId the shard
 */
public record LeaseLostInput(String shardId) {

  public LeaseLostInput {
    Objects.requireNonNull(shardId, "shardId");
  }
}
