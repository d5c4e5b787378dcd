package dev.argus.datastream.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HashKeyRangeTest {

  private static HashKeyRange range(long start, long end) {
    return new HashKeyRange(BigInteger.valueOf(start), BigInteger.valueOf(end));
  }

  @Test
  void rejectsInvertedAndOutOfSpaceRanges() {
    assertThatThrownBy(() -> range(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> range(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HashKeyRange(BigInteger.ZERO, HashKeyRange.MAX_KEY.add(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void adjacencyContainmentAndUnion() {
    assertThat(range(0, 9).isAdjacentTo(range(10, 20))).isTrue();
    assertThat(range(10, 20).isAdjacentTo(range(0, 9))).isTrue();
    assertThat(range(0, 9).isAdjacentTo(range(11, 20))).isFalse();
    assertThat(range(0, 9).overlaps(range(9, 20))).isTrue();
    assertThat(range(0, 9).overlaps(range(10, 20))).isFalse();
    assertThat(range(0, 9).contains(BigInteger.valueOf(9))).isTrue();
    assertThat(range(0, 9).contains(BigInteger.TEN)).isFalse();
    assertThat(range(10, 20).union(range(0, 9))).isEqualTo(range(0, 20));
    assertThat(HashKeyRange.ALL.size()).isEqualTo(BigInteger.ONE.shiftLeft(128));
  }
}
