package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.HashKeys;
import dev.argus.datastream.shard.ShardId;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReshardingTest {

  @Test
  void splitClosesTheParentAndOpensTwoChildren() {
    List<ShardInfo> shards = Resharding.initial(2, 10);
    BigInteger cut = BigInteger.valueOf(1000);
    List<ShardInfo> next = Resharding.split(shards, new ShardId(0), cut, 20, id -> 7);
    assertThat(next).hasSize(4);
    assertThat(next.get(0).isOpen()).isFalse();
    assertThat(next.get(0).endOffset()).isEqualTo(7);
    assertThat(next.get(0).closedMillis()).isEqualTo(20);
    assertThat(next.get(2).parent()).isEqualTo(new ShardId(0));
    assertThat(next.get(2).hashKeyRange()).isEqualTo(new HashKeyRange(BigInteger.ZERO, cut.subtract(BigInteger.ONE)));
    assertThat(next.get(3).hashKeyRange().start()).isEqualTo(cut);
    assertPartitions(next);
  }

  @Test
  void splitKeyMustFallInsideTheShard() {
    List<ShardInfo> shards = Resharding.initial(2, 10);
    BigInteger start = shards.get(1).hashKeyRange().start();
    assertThatThrownBy(() -> Resharding.split(shards, new ShardId(1), start, 20, id -> 0))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Resharding.split(shards, new ShardId(0), start, 20, id -> 0))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Resharding.split(shards, new ShardId(5), start, 20, id -> 0))
        .isInstanceOf(StreamNotFoundException.class);
  }

  @Test
  void mergeNeedsAdjacentOpenShards() {
    List<ShardInfo> shards = Resharding.initial(3, 10);
    assertThatThrownBy(() -> Resharding.merge(shards, new ShardId(0), new ShardId(2), 20, id -> 0))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Resharding.merge(shards, new ShardId(1), new ShardId(1), 20, id -> 0))
        .isInstanceOf(InvalidArgumentException.class);
    List<ShardInfo> merged = Resharding.merge(shards, new ShardId(2), new ShardId(1), 20, id -> 0);
    assertThat(merged.get(3).parent()).isEqualTo(new ShardId(2));
    assertThat(merged.get(3).adjacentParent()).isEqualTo(new ShardId(1));
    assertPartitions(merged);
    assertThatThrownBy(() -> Resharding.merge(merged, new ShardId(0), new ShardId(1), 30, id -> 0))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void uniformScalingNamesOverlappingParents() {
    List<ShardInfo> scaled = Resharding.uniform(Resharding.initial(4, 10), 2, 20, id -> 0);
    assertThat(scaled).hasSize(6);
    assertThat(scaled.get(4).parent()).isEqualTo(new ShardId(0));
    assertThat(scaled.get(4).adjacentParent()).isEqualTo(new ShardId(1));
    assertThat(scaled.get(5).parent()).isEqualTo(new ShardId(2));
    assertPartitions(scaled);
    assertThat(Resharding.uniform(scaled, 2, 30, id -> 0)).isSameAs(scaled);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void randomReshardsKeepTheOpenShardsAPartition(long seed) {
    Random random = new Random(seed);
    List<ShardInfo> shards = Resharding.initial(1 + random.nextInt(5), 0);
    for (int step = 1; step < 60; step++) {
      List<ShardInfo> open = shards.stream().filter(ShardInfo::isOpen)
          .sorted(Comparator.comparing(s -> s.hashKeyRange().start())).toList();
      int op = random.nextInt(3);
      if (op == 0) {
        ShardInfo target = open.get(random.nextInt(open.size()));
        shards = Resharding.split(shards, target.id(), HashKeys.midpoint(target.hashKeyRange()), step, id -> 0);
      } else if (op == 1 && open.size() > 1) {
        int i = random.nextInt(open.size() - 1);
        shards = Resharding.merge(shards, open.get(i).id(), open.get(i + 1).id(), step, id -> 0);
      } else {
        int target = Math.max(1, Math.min(2 * open.size(), open.size() / 2 + random.nextInt(open.size() + 1)));
        shards = Resharding.uniform(shards, target, step, id -> 0);
      }
      assertPartitions(shards);
      for (int i = 0; i < shards.size(); i++) {
        assertThat(shards.get(i).id().index()).isEqualTo(i);
      }
    }
  }

  private static void assertPartitions(List<ShardInfo> shards) {
    List<HashKeyRange> open = shards.stream().filter(ShardInfo::isOpen).map(ShardInfo::hashKeyRange)
        .sorted(Comparator.comparing(HashKeyRange::start)).toList();
    assertThat(open.get(0).start()).isEqualTo(BigInteger.ZERO);
    assertThat(open.get(open.size() - 1).end()).isEqualTo(HashKeyRange.MAX_KEY);
    for (int i = 1; i < open.size(); i++) {
      assertThat(open.get(i).start()).isEqualTo(open.get(i - 1).end().add(BigInteger.ONE));
    }
  }
}
