package dev.argus.fragmentstore.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.fragmentstore.fragment.MetadataTag;
import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingMetadataTest {

  private static List<Tag> element(String... namesAndValues) {
    List<SimpleTag> simple = new java.util.ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      simple.add(SimpleTag.of(namesAndValues[i], namesAndValues[i + 1]));
    }
    return List.of(Tag.of(simple));
  }

  @Test
  void tagsAreKeptInOrderUntilTakenThenStartOver() {
    PendingMetadata pending = new PendingMetadata();
    assertThat(pending.add(element("site", "lab"))).isNull();
    assertThat(pending.add(List.of(Tag.of(List.of(new SimpleTag("motion", "true",
        List.of(SimpleTag.of("nested", "ignored")))))))).isNull();
    assertThat(pending.take()).containsExactly(new MetadataTag("site", "lab"), new MetadataTag("motion", "true"));
    assertThat(pending.take()).isEmpty();
  }

  @Test
  void theEleventhTagIs4009AndABadOneIs4012() {
    PendingMetadata pending = new PendingMetadata();
    for (int i = 0; i < FragmentAssembler.DEFAULT_MAX_FRAGMENT_METADATA; i++) {
      assertThat(pending.add(element("t" + i, "v"))).isNull();
    }
    assertThat(pending.add(element("t10", "v")).code()).isEqualTo(AckErrorCode.FRAGMENT_METADATA_LIMIT_REACHED);
    assertThat(new PendingMetadata().add(element("AWS_X", "v")).code())
        .isEqualTo(AckErrorCode.INVALID_FRAGMENT_METADATA);
    assertThat(PendingMetadata.problem(SimpleTag.of("n".repeat(128), "v".repeat(256)))).isNull();
    assertThat(PendingMetadata.problem(SimpleTag.of("n".repeat(129), "v"))).contains("129 chars");
    assertThat(PendingMetadata.problem(SimpleTag.of("", "v"))).contains("0 chars");
    assertThat(PendingMetadata.problem(SimpleTag.of("n", "v".repeat(257)))).contains("257 chars");
  }
}
