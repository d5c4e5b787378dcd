package dev.argus.parser.kvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KvsTagsTest {

  @Test
  void timestampsAreSecondsWithThreeDecimals() {
    assertThat(KvsTags.formatTimestamp(Instant.ofEpochMilli(1519423069070L))).isEqualTo("1519423069.070");
    assertThat(KvsTags.formatTimestamp(Instant.EPOCH)).isEqualTo("0.000");
    assertThat(KvsTags.parseTimestamp("1519423069.070")).contains(Instant.ofEpochMilli(1519423069070L));
    assertThat(KvsTags.parseTimestamp("5.000")).contains(Instant.ofEpochSecond(5));
    assertThat(KvsTags.parseTimestamp("12")).contains(Instant.ofEpochSecond(12));
    assertThat(KvsTags.parseTimestamp("1.2345")).contains(Instant.ofEpochMilli(1234));
    assertThat(KvsTags.parseTimestamp("abc")).isEmpty();
    assertThat(KvsTags.parseTimestamp("-1.0")).isEmpty();
    assertThat(KvsTags.parseTimestamp("1e400")).isEmpty();
    assertThatThrownBy(() -> KvsTags.formatTimestamp(Instant.ofEpochMilli(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void knowsItsNames() {
    assertThat(KvsTags.isKvsTag(KvsTags.FRAGMENT_NUMBER)).isTrue();
    assertThat(KvsTags.isKvsTag(KvsTags.ERROR_ID)).isTrue();
    assertThat(KvsTags.isKvsTag("ENCODER")).isFalse();
  }
}
