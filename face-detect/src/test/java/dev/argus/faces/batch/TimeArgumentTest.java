package dev.argus.faces.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeArgumentTest {

  @Test
  void epochSecondsWithAndWithoutAFraction() {
    assertThat(TimeArgument.parse("1795651200")).isEqualTo(Instant.ofEpochSecond(1795651200));
    assertThat(TimeArgument.parse("1795651200.25")).isEqualTo(Instant.ofEpochMilli(1795651200250L));
    assertThat(TimeArgument.parse(" 0 ")).isEqualTo(Instant.EPOCH);
    assertThat(TimeArgument.parse("1795651200.0009")).isEqualTo(Instant.ofEpochSecond(1795651200));
  }

  @Test
  void isoInstantsWithAZoneOrOffset() {
    assertThat(TimeArgument.parse("2026-11-26T00:00:00Z")).isEqualTo(Instant.ofEpochSecond(1795651200));
    assertThat(TimeArgument.parse("2026-11-26T01:00:00.5+01:00")).isEqualTo(Instant.ofEpochMilli(1795651200500L));
  }

  @Test
  void bothFormsOfTheSameInstantAgree() {
    Instant now = Instant.ofEpochMilli(1795651212345L);
    assertThat(TimeArgument.parse(now.toString())).isEqualTo(TimeArgument.parse("1795651212.345"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2026-11-26T00:00:00", "2026-11-26", "-5", "1.2.3", "12e3"})
  void anythingElseIsRefusedNamingTheAcceptedForms(String text) {
    assertThatThrownBy(() -> TimeArgument.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("epoch seconds").hasMessageContaining("ISO-8601");
  }
}
