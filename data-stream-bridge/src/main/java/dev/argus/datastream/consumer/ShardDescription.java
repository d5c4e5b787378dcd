package dev.argus.datastream.consumer;

import java.util.Objects;
import java.util.Set;

/**
 * A shard as ListShards describes it, reduced to what leases need.
 *
 * @param shardId the shard
 * @param parentShardIds its parent and adjacent parent, when it has them
 * @param closed whether it has an ending sequence number (split or merged away)
 */
record ShardDescription(String shardId, Set<String> parentShardIds, boolean closed) {

  ShardDescription {
    Objects.requireNonNull(shardId, "shardId");
    parentShardIds = Set.copyOf(parentShardIds);
  }
}
