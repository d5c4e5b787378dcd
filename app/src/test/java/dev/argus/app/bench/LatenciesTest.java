package dev.argus.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void nearestRankPercentilesInMilliseconds() {
    Latencies latencies = new Latencies();
    assertThat(latencies.percentileMillis(50)).isNaN();
    for (int i = 100; i >= 1; i--) {
      latencies.add(i * 1_000_000L);
    }
    assertThat(latencies.count()).isEqualTo(100);
    assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
    assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
    assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    assertThat(latencies.percentileMillis(0.5)).isEqualTo(1.0);
  }
}
