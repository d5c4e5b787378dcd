package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogConfigTest {
  private final LogConfig defaults = LogConfig.defaults(FsyncPolicy.everyWrite(), Clock.systemUTC());

  @Test
  void defaultsAreTheNamedConstants() {
    assertThat(defaults.maxSegmentBytes()).isEqualTo(LogConfig.DEFAULT_MAX_SEGMENT_BYTES);
    assertThat(defaults.indexIntervalBytes()).isEqualTo(LogConfig.DEFAULT_INDEX_INTERVAL_BYTES);
    assertThat(defaults.maxEntryBytes()).isEqualTo(LogConfig.DEFAULT_MAX_ENTRY_BYTES);
    assertThat(defaults.maxSegmentAge()).isEqualTo(LogConfig.NO_SEGMENT_AGE_LIMIT);
    assertThat(defaults.directAppendBytes()).isEqualTo(LogConfig.DIRECT_APPENDS_OFF);
    assertThat(defaults.withDirectAppendBytes(4096).withFsync(FsyncPolicy.everyWrite()).directAppendBytes())
        .as("kept by the other withers").isEqualTo(4096);
  }

  @Test
  void rejectsOutOfRangeValues() {
    assertThatThrownBy(() -> defaults.withMaxSegmentBytes(10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMaxSegmentBytes(1L << 31))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withIndexIntervalBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMaxEntryBytes(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withMaxSegmentAge(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withDirectAppendBytes(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FsyncPolicy.interval(null)).isInstanceOf(NullPointerException.class);
  }
}
