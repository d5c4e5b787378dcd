package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void startsFullRefillsAtItsRateAndCapsAtCapacity() {
    TokenBucket bucket = new TokenBucket(1000, 1000, 0);
    assertThat(bucket.tryTake(0, 1000)).isTrue();
    assertThat(bucket.tryTake(0, 1)).isFalse();
    assertThat(bucket.tryTake(1, 1)).isTrue(); // 1 ms refills one token
    assertThat(bucket.available(10_000)).isEqualTo(1000);
  }

  @Test
  void chargeGoesIntoDebtThatTimeRepays() {
    TokenBucket bucket = new TokenBucket(100, 100, 0);
    bucket.charge(0, 300);
    assertThat(bucket.has(0, 0)).isFalse();
    assertThat(bucket.has(1999, 0)).isFalse();
    assertThat(bucket.has(2000, 0)).isTrue();
  }

  @Test
  void aFailedTakeTakesNothing() {
    TokenBucket bucket = new TokenBucket(10, 10, 0);
    assertThat(bucket.tryTake(0, 11)).isFalse();
    assertThat(bucket.available(0)).isEqualTo(10);
  }

  @Test
  void clockSteppingBackDoesNotMint() {
    TokenBucket bucket = new TokenBucket(10, 10, 1000);
    bucket.tryTake(1000, 10);
    assertThat(bucket.available(500)).isZero();
  }
}
