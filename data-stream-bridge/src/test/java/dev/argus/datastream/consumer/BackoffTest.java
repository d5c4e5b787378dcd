package dev.argus.datastream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesUpToTheCapAndStartsOverAfterASuccess() {
    Backoff backoff = new Backoff(Duration.ofMillis(500));

    assertThat(new long[] {backoff.nextMillis(), backoff.nextMillis(), backoff.nextMillis(), backoff.nextMillis(),
        backoff.nextMillis()}).containsExactly(50, 100, 200, 400, 500);
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.nextMillis()).isEqualTo(500);
    }
    backoff.reset();
    assertThat(backoff.nextMillis()).isEqualTo(50);
  }
}
