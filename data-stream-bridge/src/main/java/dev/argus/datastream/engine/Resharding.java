package dev.argus.datastream.engine;

import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.HashKeys;
import dev.argus.datastream.shard.ShardId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Resharding plans: pure functions from a stream's shard list to the next one. Parents are closed
 * (with the end offsets the caller reads from their logs) and children appended with the next
 * indexes, so the open shards always partition the whole key space. Stateless.
 */
final class Resharding {

  private Resharding() {
  }

  /** {@code count} open shards splitting the key space evenly, as CreateStream makes them. */
  static List<ShardInfo> initial(int count, long now) {
    List<ShardInfo> shards = new ArrayList<>(count);
    List<HashKeyRange> ranges = HashKeys.split(HashKeyRange.ALL, count);
    for (int i = 0; i < count; i++) {
      shards.add(ShardInfo.open(new ShardId(i), null, null, ranges.get(i), now));
    }
    return List.copyOf(shards);
  }

  /**
   * SplitShard: closes {@code target} and opens two children, {@code [start, newStart - 1]} and
   * {@code [newStart, end]}.
   *
   * @throws InvalidArgumentException the shard is closed, or {@code newStart} is not in {@code (start, end]}
   */
  static List<ShardInfo> split(List<ShardInfo> shards, ShardId target, BigInteger newStart, long now,
                               ToLongFunction<ShardId> ends) {
    ShardInfo parent = openShard(shards, target);
    HashKeyRange range = parent.hashKeyRange();
    if (newStart.compareTo(range.start()) <= 0 || newStart.compareTo(range.end()) > 0) {
      throw new InvalidArgumentException("NewStartingHashKey " + newStart + " is not inside " + target
          + " (" + range.start() + ".." + range.end() + ") or is its first key");
    }
    List<ShardInfo> next = new ArrayList<>(shards);
    next.set(target.index(), parent.closed(now, ends.applyAsLong(target)));
    next.add(ShardInfo.open(new ShardId(next.size()), target, null,
        new HashKeyRange(range.start(), newStart.subtract(BigInteger.ONE)), now));
    next.add(ShardInfo.open(new ShardId(next.size()), target, null, new HashKeyRange(newStart, range.end()), now));
    return List.copyOf(next);
  }

  /**
   * MergeShards: closes both and opens one child over their union, with {@code first} as parent and
   * {@code adjacent} as adjacent parent.
   *
   * @throws InvalidArgumentException either is closed, they are the same, or their ranges do not touch
   */
  static List<ShardInfo> merge(List<ShardInfo> shards, ShardId first, ShardId adjacent, long now,
                               ToLongFunction<ShardId> ends) {
    ShardInfo a = openShard(shards, first);
    ShardInfo b = openShard(shards, adjacent);
    if (first.equals(adjacent) || !a.hashKeyRange().isAdjacentTo(b.hashKeyRange())) {
      throw new InvalidArgumentException("shards " + first + " and " + adjacent + " are not adjacent");
    }
    List<ShardInfo> next = new ArrayList<>(shards);
    next.set(first.index(), a.closed(now, ends.applyAsLong(first)));
    next.set(adjacent.index(), b.closed(now, ends.applyAsLong(adjacent)));
    next.add(ShardInfo.open(new ShardId(next.size()), first, adjacent, a.hashKeyRange().union(b.hashKeyRange()), now));
    return List.copyOf(next);
  }

  /**
   * UpdateShardCount with UNIFORM_SCALING: closes every open shard and opens {@code target} children
   * splitting the key space evenly. A child's parent is the first old shard its range overlaps and
   * its adjacent parent the second, if any. Unchanged when the open shards already are that split.
   */
  static List<ShardInfo> uniform(List<ShardInfo> shards, int target, long now, ToLongFunction<ShardId> ends) {
    List<HashKeyRange> ranges = HashKeys.split(HashKeyRange.ALL, target);
    List<ShardInfo> open = shards.stream().filter(ShardInfo::isOpen)
        .sorted(Comparator.comparing(s -> s.hashKeyRange().start())).toList();
    if (open.stream().map(ShardInfo::hashKeyRange).toList().equals(ranges)) {
      return shards;
    }
    List<ShardInfo> next = new ArrayList<>(shards);
    for (ShardInfo old : open) {
      next.set(old.id().index(), old.closed(now, ends.applyAsLong(old.id())));
    }
    for (HashKeyRange range : ranges) {
      List<ShardId> parents = open.stream().filter(s -> s.hashKeyRange().overlaps(range)).map(ShardInfo::id).toList();
      ShardId adjacent = parents.size() > 1 ? parents.get(1) : null;
      next.add(ShardInfo.open(new ShardId(next.size()), parents.get(0), adjacent, range, now));
    }
    return List.copyOf(next);
  }

  private static ShardInfo openShard(List<ShardInfo> shards, ShardId id) {
    if (id.index() >= shards.size()) {
      throw new StreamNotFoundException("shard " + id + " does not exist");
    }
    ShardInfo shard = shards.get(id.index());
    if (!shard.isOpen()) {
      throw new InvalidArgumentException("shard " + id + " is closed");
    }
    return shard;
  }
}
