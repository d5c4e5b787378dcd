package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Checkpoint;
import java.util.Objects;

/**
 * Where a processor starts.
 *
 * @param shardId the shard
 * @param checkpoint the last committed checkpoint, or the initial-position sentinel when none
 * @param pendingCheckpoint a checkpoint prepared but not committed by the previous owner, or null:
 *     its side effects may or may not have happened
 */
public record InitializationInput(String shardId, Checkpoint checkpoint, Checkpoint pendingCheckpoint) {

  public InitializationInput {
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(checkpoint, "checkpoint");
  }
}
