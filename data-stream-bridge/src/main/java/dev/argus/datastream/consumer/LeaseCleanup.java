package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Lease;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which finished leases to delete, so the lease table does not grow with every reshard. Pure.
 *
 * <p>A lease is deleted once its shard reached SHARD_END (checkpointed) and every child shard of it
 * (from ListShards) has started: its lease has an owner or a checkpoint past its start sentinel,
 * or it has no lease but a descendant does (it was itself finished and deleted). Until then the
 * parent's SHARD_END is what keeps the children waiting, and what shows a restarted worker that
 * the parent was read to its end.
 *
 * <p>After deletion the parent is gone from the table but still listed by ListShards until
 * retention drops it; {@link ShardSync} never recreates a lease for a shard with a leased
 * descendant, and {@code LeaseBalancer.isActive} treats a missing parent lease as finished.
 */
final class LeaseCleanup {

  private LeaseCleanup() {}

  static List<Lease> deletable(List<ShardDescription> shards, Map<String, Lease> leases) {
    Map<String, List<String>> children = childrenOf(shards);
    List<Lease> deletable = new ArrayList<>();
    for (Lease lease : leases.values()) {
      List<String> kids = children.getOrDefault(lease.leaseKey(), List.of());
      if (lease.isFinished() && !kids.isEmpty()
          && kids.stream().allMatch(child -> started(child, leases, children))) {
        deletable.add(lease);
      }
    }
    return deletable;
  }

  /** Each shard's children, from the listing's parent links. */
  static Map<String, List<String>> childrenOf(List<ShardDescription> shards) {
    Map<String, List<String>> children = new HashMap<>();
    for (ShardDescription shard : shards) {
      for (String parent : shard.parentShardIds()) {
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(shard.shardId());
      }
    }
    return children;
  }

  /** Whether a shard other than {@code shardId} below it in the lineage has a lease. */
  static boolean hasLeasedDescendant(String shardId, Map<String, Lease> leases, Map<String, List<String>> children) {
    Deque<String> pending = new ArrayDeque<>(children.getOrDefault(shardId, List.of()));
    Set<String> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      String next = pending.pop();
      if (!seen.add(next)) {
        continue;
      }
      if (leases.containsKey(next)) {
        return true;
      }
      pending.addAll(children.getOrDefault(next, List.of()));
    }
    return false;
  }

  private static boolean started(String child, Map<String, Lease> leases, Map<String, List<String>> children) {
    Lease lease = leases.get(child);
    if (lease == null) {
      return hasLeasedDescendant(child, leases, children);
    }
    return lease.owner() != null || !lease.checkpoint().isSentinel() || lease.isFinished();
  }
}
