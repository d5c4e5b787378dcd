package dev.argus.fragmentstore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamRefTest {

  @Test
  void exactlyOneOfNameAndArn() {
    assertThat(StreamRef.of("a", null)).isEqualTo(new StreamRef.ByName("a"));
    assertThat(StreamRef.of(null, "arn:aws:kinesisvideo:us-east-1:1:stream/a/5").streamName()).isEqualTo("a");
    assertThatThrownBy(() -> StreamRef.of(null, null)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("either");
    assertThatThrownBy(() -> StreamRef.of("a", "arn:aws:kinesisvideo:us-east-1:1:stream/a/5"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not both");
  }

  @Test
  void streamNameRules() {
    assertThat(new StreamRef.ByName("a".repeat(256)).streamName()).hasSize(256);
    for (String bad : new String[] {"", "a".repeat(257), "a b", "a/b", "ä"}) {
      assertThatThrownBy(() -> new StreamRef.ByName(bad)).as(bad).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("StreamName");
    }
  }
}
