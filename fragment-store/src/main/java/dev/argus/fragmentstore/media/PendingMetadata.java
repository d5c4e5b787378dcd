package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.MetadataTag;
import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * The fragment metadata a PutMedia body has sent since its last fragment began: the SimpleTags of
 * the Tags elements before the next Cluster, which are that fragment's (see
 * {@link FragmentAssembler} for the rules and limits). Top-level SimpleTags only; nested ones are
 * not metadata. Memory: at most {@link FragmentAssembler#DEFAULT_MAX_FRAGMENT_METADATA} tags.
 *
 * <p>Not thread-safe: one per {@link FragmentAssembler}.
 */
final class PendingMetadata {
  /** Why a Tags element was refused: 4012 INVALID_FRAGMENT_METADATA or 4009 FRAGMENT_METADATA_LIMIT_REACHED. */
  record Refusal(AckErrorCode code, String reason) {
  }

  private final List<MetadataTag> tags = new ArrayList<>();

  /** Adds a Tags element's SimpleTags in order; the refusal of the first bad one, or null. */
  Refusal add(List<Tag> element) {
    for (Tag tag : element) {
      for (SimpleTag simple : tag.simpleTags()) {
        String problem = problem(simple);
        if (problem != null) {
          return new Refusal(AckErrorCode.INVALID_FRAGMENT_METADATA, problem);
        }
        if (tags.size() == FragmentAssembler.DEFAULT_MAX_FRAGMENT_METADATA) {
          return new Refusal(AckErrorCode.FRAGMENT_METADATA_LIMIT_REACHED, "more than "
              + FragmentAssembler.DEFAULT_MAX_FRAGMENT_METADATA + " metadata tags for one fragment");
        }
        tags.add(new MetadataTag(simple.name(), simple.value()));
      }
    }
    return null;
  }

  /** The tags for the fragment that begins now; the next one starts with none. */
  List<MetadataTag> take() {
    List<MetadataTag> taken = List.copyOf(tags);
    tags.clear();
    return taken;
  }

  /** Why a metadata tag is not valid, or null. */
  static String problem(SimpleTag tag) {
    if (tag.name().isEmpty() || tag.name().length() > FragmentAssembler.MAX_METADATA_NAME_CHARS) {
      return "metadata name of " + tag.name().length() + " chars; 1 to " + FragmentAssembler.MAX_METADATA_NAME_CHARS
          + " allowed";
    }
    if (tag.name().startsWith(FragmentAssembler.RESERVED_METADATA_PREFIX)) {
      return "metadata name " + tag.name() + " starts with the reserved " + FragmentAssembler.RESERVED_METADATA_PREFIX;
    }
    if (tag.value().length() > FragmentAssembler.MAX_METADATA_VALUE_CHARS) {
      return "metadata value of " + tag.value().length() + " chars; at most "
          + FragmentAssembler.MAX_METADATA_VALUE_CHARS;
    }
    return null;
  }
}
