package dev.argus.datastream.engine;

import dev.argus.datastream.shard.ShardId;
import java.util.Objects;

/**
 * ListShards' filter.
 *
 * @param type        which shards
 * @param shardId     for {@link Type#AFTER_SHARD_ID}, else null
 * @param timestampMillis for {@link Type#AT_TIMESTAMP} and {@link Type#FROM_TIMESTAMP}, else null
 */
public record ShardFilter(Type type, ShardId shardId, Long timestampMillis) {

  public enum Type { AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP }

  public ShardFilter {
    Objects.requireNonNull(type, "type");
    if ((type == Type.AFTER_SHARD_ID) != (shardId != null)) {
      throw new ValidationException("ShardFilter " + type + (shardId == null ? " needs" : " takes no") + " ShardId");
    }
    boolean timed = type == Type.AT_TIMESTAMP || type == Type.FROM_TIMESTAMP;
    if (timed != (timestampMillis != null)) {
      throw new ValidationException("ShardFilter " + type + (timed ? " needs" : " takes no") + " Timestamp");
    }
  }

  /**
   * Whether {@code shard} passes. A time before the stream's creation means its creation, so
   * AT_TIMESTAMP and AT_TRIM_HORIZON always find the shards the stream had then.
   *
   * @param horizonMillis the trim horizon: now minus the retention period
   * @param createdMillis the stream's creation time
   */
  boolean accepts(ShardInfo shard, long horizonMillis, long createdMillis) {
    return switch (type) {
      case AFTER_SHARD_ID -> shard.id().compareTo(shardId) > 0;
      case AT_LATEST -> shard.isOpen();
      case FROM_TRIM_HORIZON -> true;
      case AT_TRIM_HORIZON -> shard.openAt(Math.max(horizonMillis, createdMillis));
      case AT_TIMESTAMP -> shard.openAt(Math.max(timestampMillis, createdMillis));
      case FROM_TIMESTAMP -> shard.closedMillis() == null || shard.closedMillis() > timestampMillis;
    };
  }
}
