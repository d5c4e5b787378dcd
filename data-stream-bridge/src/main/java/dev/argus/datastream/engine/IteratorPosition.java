package dev.argus.datastream.engine;

import dev.argus.datastream.shard.ShardId;
import java.util.Objects;

/**
 * What a shard iterator stands for: the next offset to read in one shard of one incarnation of a
 * stream, and when the iterator was issued.
 *
 * @param stream        stream name, at most 128 characters
 * @param streamCreated the stream's creation millis, so an iterator outlives no re-creation
 * @param shard         the shard
 * @param offset        the next offset to read, {@code >= 0}
 * @param issuedMillis  issue time; the iterator expires {@link ShardIterators#LIFETIME} later
 */
public record IteratorPosition(String stream, long streamCreated, ShardId shard, long offset, long issuedMillis) {
  public IteratorPosition {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(shard, "shard");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0");
    }
  }
}
