package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HotShardDetectorTest {

  @Test
  void turnsHotOnceAfterConsecutiveThrottledSeconds() {
    HotShardDetector detector = new HotShardDetector();
    assertThat(detector.throttled(1_000)).isFalse();
    assertThat(detector.throttled(1_500)).isFalse(); // same second
    assertThat(detector.throttled(3_000)).isFalse(); // a gap restarts the run
    assertThat(detector.throttled(4_000)).isTrue();
    assertThat(detector.throttled(5_000)).isFalse(); // reported once
  }
}
