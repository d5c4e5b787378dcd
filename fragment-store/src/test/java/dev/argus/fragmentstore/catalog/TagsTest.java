package dev.argus.fragmentstore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsTest {

  @Test
  void acceptsAwsLimitsAndRejectsBeyond() {
    assertThat(Tags.of(Map.of("k".repeat(128), "v".repeat(256), "é x:/=+-@_.", "")).size()).isEqualTo(2);
    assertThatThrownBy(() -> Tags.of(Map.of("", "v"))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("tag key");
    assertThatThrownBy(() -> Tags.of(Map.of("k".repeat(129), "v"))).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("129");
    assertThatThrownBy(() -> Tags.of(Map.of("k", "v".repeat(257)))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> Tags.of(Map.of("k*", "v"))).isInstanceOf(InvalidArgumentException.class);
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);
    assertThatThrownBy(() -> Tags.of(nullValue)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void fiftyIsTheLimit() {
    Map<String, String> fifty = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("k" + i, "v");
    }
    Tags full = Tags.of(fifty);
    assertThat(full.plus(Tags.of(Map.of("k0", "replaced"))).entries()).containsEntry("k0", "replaced");
    assertThatThrownBy(() -> full.plus(Tags.of(Map.of("new", "v")))).isInstanceOf(TagLimitExceededException.class);
    fifty.put("k50", "v");
    assertThatThrownBy(() -> Tags.of(fifty)).isInstanceOf(TagLimitExceededException.class);
  }

  @Test
  void minusIgnoresAbsentKeysAndEntriesAreSortedAndImmutable() {
    Tags tags = Tags.of(Map.of("b", "2", "a", "1"));
    assertThat(tags.entries().keySet()).containsExactly("a", "b");
    assertThat(tags.minus(List.of("a", "zz")).entries()).containsExactly(Map.entry("b", "2"));
    assertThatThrownBy(() -> tags.entries().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
  }
}
