package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.HashKeys;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void routesLikeALinearScanOverOpenShards(long seed) {
    Random random = new Random(seed);
    List<ShardInfo> shards = Resharding.initial(1 + random.nextInt(7), 0);
    for (int i = 0; i < 10; i++) {
      List<ShardInfo> open = shards.stream().filter(ShardInfo::isOpen).toList();
      ShardInfo target = open.get(random.nextInt(open.size()));
      shards = Resharding.split(shards, target.id(), HashKeys.midpoint(target.hashKeyRange()), i, id -> 0);
    }
    Router router = new Router(shards);
    List<BigInteger> probes = new java.util.ArrayList<>(List.of(BigInteger.ZERO, HashKeyRange.MAX_KEY));
    for (ShardInfo shard : shards) {
      probes.add(shard.hashKeyRange().start());
      probes.add(shard.hashKeyRange().end());
    }
    for (int i = 0; i < 500; i++) {
      probes.add(new BigInteger(128, random));
    }
    for (BigInteger key : probes) {
      ShardInfo expected = shards.stream().filter(s -> s.isOpen() && s.hashKeyRange().contains(key)).findFirst().orElseThrow();
      assertThat(router.route(key)).isEqualTo(expected.id());
    }
  }
}
