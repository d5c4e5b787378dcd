package dev.argus.datastream.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequenceNumberTest {

  @Test
  void roundTripsAndOrdersAsDecimalNumbersDo() {
    Random random = new Random(11);
    for (int i = 0; i < 2000; i++) {
      SequenceNumber a = new SequenceNumber(new ShardId(random.nextInt(Integer.MAX_VALUE)), random.nextLong() & Long.MAX_VALUE);
      SequenceNumber b = new SequenceNumber(new ShardId(random.nextInt(3)), random.nextInt(1000));
      assertThat(SequenceNumber.parse(a.toString())).contains(a);
      assertThat(a.toString()).hasSize(SequenceNumber.LENGTH).containsOnlyDigits();
      int numeric = new BigInteger(a.toString()).compareTo(new BigInteger(b.toString()));
      assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(numeric));
    }
  }

  @Test
  void strictlyIncreasesWithOffsetWithinAShard() {
    ShardId shard = new ShardId(3);
    assertThat(new SequenceNumber(shard, 9).toString()).isLessThan(new SequenceNumber(shard, 10).toString());
  }

  @Test
  void rejectsWhatItDidNotWrite() {
    assertThat(SequenceNumber.parse("")).isEmpty();
    assertThat(SequenceNumber.parse(null)).isEmpty();
    assertThat(SequenceNumber.parse("2" + "0".repeat(29))).isEmpty(); // other version
    assertThat(SequenceNumber.parse("1" + "0".repeat(28) + "x")).isEmpty();
    assertThat(SequenceNumber.parse("1" + "0".repeat(10) + "9".repeat(19))).isEmpty(); // offset past a long
    assertThat(SequenceNumber.parse("49590338271490256608559692538361571095921575989136588898")).isEmpty();
    Random random = new Random(5);
    for (int i = 0; i < 1000; i++) {
      String garbage = new BigInteger(100, random).toString();
      SequenceNumber.parse(garbage).ifPresent(n -> assertThat(n.toString()).isEqualTo(garbage));
    }
  }
}
