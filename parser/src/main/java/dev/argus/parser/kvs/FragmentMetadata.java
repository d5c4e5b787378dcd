package dev.argus.parser.kvs;

import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What KVS says about one fragment through its AWS_KINESISVIDEO_* tags (see {@link KvsTags}); every
 * field is empty when its tag was absent or unparsable.
 *
 * @param fragmentNumber AWS_KINESISVIDEO_FRAGMENT_NUMBER
 * @param serverTimestamp AWS_KINESISVIDEO_SERVER_TIMESTAMP (millisecond precision)
 * @param producerTimestamp AWS_KINESISVIDEO_PRODUCER_TIMESTAMP
 * @param millisBehindNow AWS_KINESISVIDEO_MILLIS_BEHIND_NOW (GetMedia puts it after the Cluster)
 * @param continuationToken AWS_KINESISVIDEO_CONTINUATION_TOKEN (likewise after the Cluster)
 * @param errorCode AWS_KINESISVIDEO_ERROR_CODE
 * @param errorId AWS_KINESISVIDEO_ERROR_ID
 * @param otherTags every other SimpleTag name and string value of the fragment's Tags, in order
 *     (nested SimpleTags flattened; a repeated name keeps its last value)
 */
public record FragmentMetadata(Optional<String> fragmentNumber, Optional<Instant> serverTimestamp,
    Optional<Instant> producerTimestamp, OptionalLong millisBehindNow, Optional<String> continuationToken,
    Optional<String> errorCode, Optional<String> errorId, Map<String, String> otherTags) {

  /** No tags at all: what frames of a stream without KVS tags carry. */
  public static final FragmentMetadata NONE = new FragmentMetadata(Optional.empty(), Optional.empty(),
      Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

  public FragmentMetadata {
    Objects.requireNonNull(fragmentNumber, "fragmentNumber");
    Objects.requireNonNull(serverTimestamp, "serverTimestamp");
    Objects.requireNonNull(producerTimestamp, "producerTimestamp");
    Objects.requireNonNull(millisBehindNow, "millisBehindNow");
    Objects.requireNonNull(continuationToken, "continuationToken");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(errorId, "errorId");
    otherTags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(otherTags));
  }

  /** The metadata of a fragment GetMedia starts: number and both timestamps. */
  public static FragmentMetadata of(String fragmentNumber, Instant serverTimestamp, Instant producerTimestamp) {
    return new FragmentMetadata(Optional.of(fragmentNumber), Optional.of(serverTimestamp),
        Optional.of(producerTimestamp), OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Map.of());
  }

  /** These metadata with the values of {@code tags} added (a tag present in both: the new value wins). */
  public FragmentMetadata with(List<Tag> tags) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Tag tag : tags) {
      flatten(tag.simpleTags(), values);
    }
    return with(values);
  }

  /** These metadata with name/value pairs added (a name present in both: the new value wins). */
  public FragmentMetadata with(Map<String, String> values) {
    Optional<String> number = fragmentNumber;
    Optional<Instant> server = serverTimestamp;
    Optional<Instant> producer = producerTimestamp;
    OptionalLong behind = millisBehindNow;
    Optional<String> token = continuationToken;
    Optional<String> code = errorCode;
    Optional<String> id = errorId;
    Map<String, String> other = new LinkedHashMap<>(otherTags);
    for (Map.Entry<String, String> e : values.entrySet()) {
      String v = e.getValue();
      switch (e.getKey()) {
        case KvsTags.FRAGMENT_NUMBER -> number = Optional.of(v);
        case KvsTags.SERVER_TIMESTAMP -> server = KvsTags.parseTimestamp(v);
        case KvsTags.PRODUCER_TIMESTAMP -> producer = KvsTags.parseTimestamp(v);
        case KvsTags.MILLIS_BEHIND_NOW -> behind = parseLong(v);
        case KvsTags.CONTINUATION_TOKEN -> token = Optional.of(v);
        case KvsTags.ERROR_CODE -> code = Optional.of(v);
        case KvsTags.ERROR_ID -> id = Optional.of(v);
        default -> other.put(e.getKey(), v);
      }
    }
    return new FragmentMetadata(number, server, producer, behind, token, code, id, other);
  }

  private static OptionalLong parseLong(String value) {
    try {
      return OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  static void flatten(List<SimpleTag> simpleTags, Map<String, String> into) {
    for (SimpleTag simpleTag : simpleTags) {
      into.put(simpleTag.name(), simpleTag.value());
      flatten(simpleTag.children(), into);
    }
  }

  /**
   * The tags GetMedia writes BEFORE a fragment's Cluster: number, server and producer timestamps,
   * error code/id, then the other tags, one SimpleTag each in one Tag.
   */
  public List<Tag> leadingTags() {
    List<SimpleTag> tags = new ArrayList<>();
    fragmentNumber.ifPresent(v -> tags.add(SimpleTag.of(KvsTags.FRAGMENT_NUMBER, v)));
    serverTimestamp.ifPresent(v -> tags.add(SimpleTag.of(KvsTags.SERVER_TIMESTAMP, KvsTags.formatTimestamp(v))));
    producerTimestamp.ifPresent(v -> tags.add(SimpleTag.of(KvsTags.PRODUCER_TIMESTAMP, KvsTags.formatTimestamp(v))));
    errorCode.ifPresent(v -> tags.add(SimpleTag.of(KvsTags.ERROR_CODE, v)));
    errorId.ifPresent(v -> tags.add(SimpleTag.of(KvsTags.ERROR_ID, v)));
    otherTags.forEach((k, v) -> tags.add(SimpleTag.of(k, v)));
    return tags.isEmpty() ? List.of() : List.of(Tag.of(tags));
  }

  /** The tags GetMedia writes AFTER a fragment's Cluster: millis behind now and continuation token. */
  public List<Tag> trailingTags() {
    List<SimpleTag> tags = new ArrayList<>();
    millisBehindNow.ifPresent(v -> tags.add(SimpleTag.of(KvsTags.MILLIS_BEHIND_NOW, Long.toString(v))));
    continuationToken.ifPresent(v -> tags.add(SimpleTag.of(KvsTags.CONTINUATION_TOKEN, v)));
    return tags.isEmpty() ? List.of() : List.of(Tag.of(tags));
  }
}
