package dev.argus.faces.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

  private static final Instant T = Instant.ofEpochSecond(1795651200);

  @Test
  void fromMustBeBeforeTo() {
    assertThatThrownBy(() -> new TimeWindow(T, T)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--from").hasMessageContaining("--to");
    assertThatThrownBy(() -> new TimeWindow(T.plusSeconds(1), T)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bothEndsAreInside() {
    TimeWindow w = new TimeWindow(T, T.plusSeconds(10));
    assertThat(w.contains(T)).isTrue();
    assertThat(w.contains(T.plusSeconds(10))).isTrue();
    assertThat(w.contains(T.minusMillis(1))).isFalse();
    assertThat(w.contains(T.plusMillis(10_001))).isFalse();
  }

  @Test
  void aFragmentOverlapsWhenAnyOfItsSpanIsInside() {
    TimeWindow w = new TimeWindow(T, T.plusSeconds(10));
    Duration two = Duration.ofSeconds(2);
    assertThat(w.overlaps(T.minusSeconds(1), two)).as("starts before, ends inside").isTrue();
    assertThat(w.overlaps(T.minusSeconds(3), two)).as("ends before").isFalse();
    assertThat(w.overlaps(T.plusSeconds(9), two)).as("starts inside").isTrue();
    assertThat(w.overlaps(T.plusMillis(10_001), two)).as("starts after").isFalse();
  }
}
