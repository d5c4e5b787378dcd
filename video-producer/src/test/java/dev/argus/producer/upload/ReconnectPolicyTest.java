package dev.argus.producer.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReconnectPolicyTest {

  private final ReconnectPolicy policy = ReconnectPolicy.defaults()
      .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 99})
  void backoffDoublesWithJitterUpToTheCap(long seed) {
    Random random = new Random(seed);
    for (int failures = 1; failures < 100; failures++) {
      long ceiling = Math.min(5_000, 100L << Math.min(failures - 1, 40));
      Duration d = policy.backoff(failures, random);
      assertThat(d.toMillis()).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void jitterSpreadsReconnects() {
    Random random = new Random(7);
    long distinct = java.util.stream.IntStream.range(0, 50)
        .mapToLong(i -> policy.backoff(6, random).toMillis()).distinct().count();
    assertThat(distinct).isGreaterThan(10);
  }

  @Test
  void staleOnlyWithUnacknowledgedDataAfterTheTimeout() {
    ReconnectPolicy p = policy.withStaleAfter(Duration.ofSeconds(3));
    Instant t0 = Instant.parse("2026-11-25T22:00:00Z");
    assertThat(p.isStale(t0, t0.plusSeconds(2), true)).isFalse();
    assertThat(p.isStale(t0, t0.plusSeconds(3), true)).isTrue();
    assertThat(p.isStale(t0, t0.plusSeconds(300), false)).isFalse();
  }

  @Test
  void rotatesAtMaxAgeAndGivesUpAfterTheFailureLimit() {
    ReconnectPolicy p = policy.withMaxAge(Duration.ofMinutes(1)).withMaxConsecutiveFailures(3);
    Instant t0 = Instant.parse("2026-11-25T22:00:00Z");
    assertThat(p.shouldRotate(t0, t0.plusSeconds(59))).isFalse();
    assertThat(p.shouldRotate(t0, t0.plusSeconds(60))).isTrue();
    assertThat(p.exhausted(2)).isFalse();
    assertThat(p.exhausted(3)).isTrue();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> policy.backoff(0, new Random(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
