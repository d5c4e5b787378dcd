package dev.argus.parser.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FragmentMetadataTest {

  @Test
  void tagsFillTheirFieldsAndTheRestIsKept() {
    FragmentMetadata m = FragmentMetadata.NONE.with(List.of(Tag.of(List.of(
        SimpleTag.of(KvsTags.FRAGMENT_NUMBER, "917"),
        SimpleTag.of(KvsTags.SERVER_TIMESTAMP, "1519423069.070"),
        SimpleTag.of(KvsTags.PRODUCER_TIMESTAMP, "1519423068.5"),
        new SimpleTag("OUTER", "o", List.of(SimpleTag.of("INNER", "i"))),
        SimpleTag.of(KvsTags.ERROR_CODE, "4002"),
        SimpleTag.of(KvsTags.ERROR_ID, "17")))));
    assertThat(m.fragmentNumber()).contains("917");
    assertThat(m.serverTimestamp()).contains(Instant.ofEpochMilli(1519423069070L));
    assertThat(m.producerTimestamp()).contains(Instant.ofEpochMilli(1519423068500L));
    assertThat(m.errorCode()).contains("4002");
    assertThat(m.errorId()).contains("17");
    assertThat(m.otherTags()).containsExactly(Map.entry("OUTER", "o"), Map.entry("INNER", "i"));
    assertThat(m.millisBehindNow()).isEmpty();

    FragmentMetadata later = m.with(Map.of(KvsTags.MILLIS_BEHIND_NOW, "250", KvsTags.CONTINUATION_TOKEN, "917"));
    assertThat(later.millisBehindNow()).hasValue(250);
    assertThat(later.continuationToken()).contains("917");
    assertThat(later.fragmentNumber()).contains("917");
    assertThat(FragmentMetadata.NONE.with(Map.of(KvsTags.MILLIS_BEHIND_NOW, "x")).millisBehindNow()).isEmpty();
  }

  @Test
  void leadingAndTrailingTagsRebuildTheSameMetadata() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(KvsTags.MILLIS_BEHIND_NOW, "12");
    values.put(KvsTags.CONTINUATION_TOKEN, "55");
    values.put("CAMERA", "door");
    FragmentMetadata m = FragmentMetadata.of("55", Instant.ofEpochMilli(2000), Instant.ofEpochMilli(1000)).with(values);
    List<Tag> leading = m.leadingTags();
    assertThat(leading).singleElement().extracting(Tag::simpleTags).asList().extracting("name")
        .containsExactly(KvsTags.FRAGMENT_NUMBER, KvsTags.SERVER_TIMESTAMP, KvsTags.PRODUCER_TIMESTAMP, "CAMERA");
    assertThat(m.trailingTags()).singleElement().extracting(Tag::simpleTags).asList().extracting("name")
        .containsExactly(KvsTags.MILLIS_BEHIND_NOW, KvsTags.CONTINUATION_TOKEN);
    assertThat(FragmentMetadata.NONE.with(leading).with(m.trailingTags())).isEqualTo(m);
    assertThat(FragmentMetadata.NONE.leadingTags()).isEmpty();
    assertThat(FragmentMetadata.NONE.trailingTags()).isEmpty();
  }
}
