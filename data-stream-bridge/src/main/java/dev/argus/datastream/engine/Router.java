package dev.argus.datastream.engine;

import dev.argus.datastream.shard.ShardId;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the open shard that takes a hash key: a binary search over the open shards' starting keys.
 * Immutable, so thread-safe; rebuilt whenever the open shards change.
 */
final class Router {

  private final BigInteger[] starts;
  private final ShardId[] shards;

  Router(List<ShardInfo> allShards) {
    List<ShardInfo> open = allShards.stream().filter(ShardInfo::isOpen)
        .sorted(Comparator.comparing(s -> s.hashKeyRange().start())).toList();
    starts = open.stream().map(s -> s.hashKeyRange().start()).toArray(BigInteger[]::new);
    shards = open.stream().map(ShardInfo::id).toArray(ShardId[]::new);
  }

  /** The open shard whose range holds {@code hashKey}, which must be in 0..2^128-1. */
  ShardId route(BigInteger hashKey) {
    int low = 0;
    int high = starts.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (starts[mid].compareTo(hashKey) <= 0) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return shards[low];
  }
}
