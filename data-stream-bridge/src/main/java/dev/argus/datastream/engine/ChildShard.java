package dev.argus.datastream.engine;

import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.ShardId;
import java.util.List;

/** A child of a closed shard, as GetRecords and SubscribeToShard report it at the parent's end. */
public record ChildShard(ShardId shard, List<ShardId> parents, HashKeyRange hashKeyRange) {
  public ChildShard {
    parents = List.copyOf(parents);
  }

  static ChildShard of(ShardInfo child) {
    return new ChildShard(child.id(),
        child.adjacentParent() == null ? List.of(child.parent()) : List.of(child.parent(), child.adjacentParent()),
        child.hashKeyRange());
  }
}
