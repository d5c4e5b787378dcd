package dev.argus.datastream.shard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardIdTest {

  @Test
  void formatsAndParsesTwelveDigitIds() {
    assertThat(new ShardId(7)).hasToString("shardId-000000000007");
    assertThat(ShardId.parse("shardId-000000000007")).contains(new ShardId(7));
    assertThat(ShardId.parse("shardId-7")).isEmpty();
    assertThat(ShardId.parse("7")).isEmpty();
    assertThat(ShardId.parse("shardId-999999999999")).isEmpty(); // past the index range
    assertThat(ShardId.parse(null)).isEmpty();
  }
}
