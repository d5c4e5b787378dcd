package dev.argus.datastream.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HashKeysTest {

  @Test
  void partitionKeyHashIsItsMd5AsAnUnsignedInteger() {
    // MD5("a") = 0cc175b9c0f1b6a831c399e269772661 (RFC 1321 test suite)
    assertThat(HashKeys.ofPartitionKey("a")).isEqualTo(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16));
    // MD5("abc") = 900150983cd24fb0d6963f7d28e17f72: the top bit set, still positive
    assertThat(HashKeys.ofPartitionKey("abc")).isEqualTo(new BigInteger("900150983cd24fb0d6963f7d28e17f72", 16));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void splitsAreContiguousEvenAndCoverTheRange(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 50; round++) {
      BigInteger start = new BigInteger(127, random);
      BigInteger end = start.add(new BigInteger(random.nextInt(127) + 1, random)).min(HashKeyRange.MAX_KEY);
      HashKeyRange range = round == 0 ? HashKeyRange.ALL : new HashKeyRange(start, end);
      int parts = 1 + random.nextInt(range.size().min(BigInteger.valueOf(300)).intValue());
      List<HashKeyRange> split = HashKeys.split(range, parts);
      assertThat(split).hasSize(parts);
      assertThat(split.get(0).start()).isEqualTo(range.start());
      assertThat(split.get(parts - 1).end()).isEqualTo(range.end());
      BigInteger smallest = split.stream().map(HashKeyRange::size).min(BigInteger::compareTo).orElseThrow();
      BigInteger largest = split.stream().map(HashKeyRange::size).max(BigInteger::compareTo).orElseThrow();
      assertThat(largest.subtract(smallest)).isLessThanOrEqualTo(BigInteger.ONE);
      for (int i = 1; i < parts; i++) {
        assertThat(split.get(i).start()).isEqualTo(split.get(i - 1).end().add(BigInteger.ONE));
      }
    }
  }

  @Test
  void fourShardsSplitTheKeySpaceAtQuarters() {
    List<HashKeyRange> split = HashKeys.split(HashKeyRange.ALL, 4);
    assertThat(split.get(1).start()).isEqualTo(BigInteger.ONE.shiftLeft(126));
    assertThat(split.get(2).start()).isEqualTo(BigInteger.ONE.shiftLeft(127));
    assertThat(HashKeys.midpoint(HashKeyRange.ALL)).isEqualTo(BigInteger.ONE.shiftLeft(127));
  }

  @Test
  void refusesMorePartsThanKeys() {
    assertThatThrownBy(() -> HashKeys.split(new HashKeyRange(BigInteger.TEN, BigInteger.TEN), 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HashKeys.split(HashKeyRange.ALL, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decimalPatternIsTheApis() {
    assertThat(HashKeys.isDecimal("0")).isTrue();
    assertThat(HashKeys.isDecimal(HashKeyRange.MAX_KEY.toString())).isTrue();
    assertThat(HashKeys.isDecimal("01")).isFalse();
    assertThat(HashKeys.isDecimal("-1")).isFalse();
    assertThat(HashKeys.isDecimal("1".repeat(40))).isFalse();
    assertThat(HashKeys.isDecimal("")).isFalse();
  }
}
