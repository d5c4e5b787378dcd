package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Checkpoint;
import dev.argus.datastream.lease.Lease;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which leases to create for a stream's shards. Pure.
 *
 * <p>Rules, for each shard without a lease, in ListShards order (parents first):
 * <ul>
 *   <li>a shard with a leased descendant gets none: it was read to its end and its lease was
 *       deleted by {@link LeaseCleanup} (or its children's leases were made first);</li>
 *   <li>a shard with a parent that had a lease before this pass continues its parent's records:
 *       it starts at TRIM_HORIZON, so nothing put to it between the reshard and now is skipped;</li>
 *   <li>otherwise the initial position applies; under LATEST a shard that is already closed holds
 *       only history and gets SHARD_END, so its open children start at LATEST too.</li>
 * </ul>
 */
final class ShardSync {

  private ShardSync() {}

  static List<Lease> newLeases(List<ShardDescription> shards, Map<String, Lease> existing, InitialPosition position) {
    List<Lease> created = new ArrayList<>();
    Map<String, List<String>> children = LeaseCleanup.childrenOf(shards);
    for (ShardDescription shard : shards) {
      if (existing.containsKey(shard.shardId())
          || LeaseCleanup.hasLeasedDescendant(shard.shardId(), existing, children)) {
        continue;
      }
      boolean continuesLeasedParent = shard.parentShardIds().stream().anyMatch(existing::containsKey);
      Checkpoint start;
      if (continuesLeasedParent) {
        start = Checkpoint.TRIM_HORIZON;
      } else if (position instanceof InitialPosition.Latest && shard.closed()) {
        start = Checkpoint.SHARD_END;
      } else {
        start = position.sentinel();
      }
      created.add(Lease.create(shard.shardId(), start, shard.parentShardIds()));
    }
    return created;
  }
}
