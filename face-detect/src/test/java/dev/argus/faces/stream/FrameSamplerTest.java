package dev.argus.faces.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {

  private static List<Integer> taken(FrameSampler sampler, long[] times) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      if (sampler.take(times[i])) {
        out.add(i);
      }
    }
    return out;
  }

  private static long[] thirtyFps(int frames) {
    long[] times = new long[frames];
    for (int i = 0; i < frames; i++) {
      times[i] = 1_700_000_000_000L + Math.round(i * 1000 / 30.0);
    }
    return times;
  }

  @Test
  void everyFrameTakesAll() {
    assertThat(taken(FrameSampler.everyFrame(), thirtyFps(10))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  }

  @Test
  void fivePerSecondOfThirtyFpsIsEverySixthFrame() {
    assertThat(taken(FrameSampler.perSecond(5), thirtyFps(30))).containsExactly(0, 6, 12, 18, 24);
  }

  @Test
  void aGapDoesNotCauseABurst() {
    long[] times = {0, 100, 5000, 5033, 5066, 5200, 5300};
    assertThat(taken(FrameSampler.perSecond(5), times)).containsExactly(0, 2, 5);
  }

  @Test
  void rejectsSillyRates() {
    assertThatThrownBy(() -> FrameSampler.perSecond(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FrameSampler.perSecond(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
