package dev.argus.fragmentstore.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The video stream catalog as a value: the streams by name and a revision that counts changes.
 * Every operation is pure: a query returns a result, an update returns a {@link Change} holding
 * the next catalog, and a refused request throws its {@link CatalogException} and changes nothing.
 *
 * <p>Versions: each configuration change (CreateStream, UpdateDataRetention) gives the stream a
 * new {@link StreamInfo#version()} derived from the catalog's new revision, so a version is never
 * reused, not even by a re-created stream of the same name. Tagging changes the revision (the
 * catalog changed) but not the stream's version: in AWS, tags are resource metadata, not stream
 * configuration.
 *
 * <p>Immutable and thread-safe. An update copies the name index (O(n) in the number of streams);
 * control-plane rates make that cheap next to the fsync that follows it.
 */
public final class Catalog {

  /** Tags per ListTagsForStream page: every tag a stream can have. */
  static final int TAGS_PER_PAGE = Tags.MAX_TAGS;

  public static final Catalog EMPTY = new Catalog(0, 0, new TreeMap<>());

  /** Streams by name; unmodifiable. */
  private final NavigableMap<String, StreamInfo> streams;
  /** Changes since the catalog was first created; never decreases. */
  private final long revision;
  /**
   * The latest creation time ever given, epoch milliseconds (0 before the first). Creation times
   * strictly increase, so ARNs, which end in them, are never reused: the ARN of a deleted stream
   * never names a later stream of the same name.
   */
  private final long lastCreationMillis;

  private Catalog(long revision, long lastCreationMillis, TreeMap<String, StreamInfo> streams) {
    this.revision = revision;
    this.lastCreationMillis = lastCreationMillis;
    this.streams = Collections.unmodifiableNavigableMap(streams);
  }

  /**
   * A catalog restored from storage.
   *
   * @throws IllegalArgumentException when the revision is negative, two streams share a name, or
   *                                  a stream was created after {@code lastCreationMillis}
   */
  public static Catalog of(long revision, long lastCreationMillis, Collection<StreamInfo> streams) {
    if (revision < 0) {
      throw new IllegalArgumentException("revision is negative: " + revision);
    }
    TreeMap<String, StreamInfo> byName = new TreeMap<>();
    for (StreamInfo stream : streams) {
      if (byName.put(stream.streamName(), stream) != null) {
        throw new IllegalArgumentException("two streams are named " + stream.streamName());
      }
      if (stream.creationTime().toEpochMilli() > lastCreationMillis) {
        throw new IllegalArgumentException("stream " + stream.streamName() + " was created after the last "
            + "creation time " + lastCreationMillis);
      }
    }
    return new Catalog(revision, lastCreationMillis, byName);
  }

  /** An update's outcome: the catalog after it, and the stream as the change left it. */
  public record Change(Catalog after, StreamInfo stream) {
    public Change {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(stream, "stream");
    }
  }

  public long revision() {
    return revision;
  }

  public long lastCreationMillis() {
    return lastCreationMillis;
  }

  /** Every stream, in name order. */
  public Collection<StreamInfo> streams() {
    return streams.values();
  }

  /** The stream a reference names; an ARN must match the current incarnation exactly. */
  public StreamInfo find(StreamRef ref) {
    StreamInfo stream = streams.get(ref.streamName());
    if (stream == null || (ref instanceof StreamRef.ByArn byArn && !stream.arn().equals(byArn.arn()))) {
      throw new StreamNotFoundException("The requested " + ref + " was not found");
    }
    return stream;
  }

  /**
   * CreateStream at {@code now}, truncated to milliseconds as the ARN holds it, and moved 1 ms past
   * the previous creation when the clock has not moved past it (same millisecond, or set back).
   */
  public Change create(NewStream request, Instant now, String region, String account) {
    if (streams.containsKey(request.streamName())) {
      throw new StreamInUseException("The stream " + request.streamName() + " already exists");
    }
    Instant created = Instant.ofEpochMilli(Math.max(now.truncatedTo(ChronoUnit.MILLIS).toEpochMilli(),
        lastCreationMillis + 1));
    long next = revision + 1;
    String kmsKeyId = request.kmsKeyId() != null ? request.kmsKeyId() : StreamInfo.defaultKmsKeyId(region, account);
    StreamInfo stream = new StreamInfo(request.streamName(),
        new StreamArn(region, account, request.streamName(), created.toEpochMilli()), request.deviceName(),
        request.mediaType(), kmsKeyId, versionOf(next), StreamStatus.ACTIVE, created,
        request.dataRetentionInHours(), request.tags());
    TreeMap<String, StreamInfo> after = new TreeMap<>(streams);
    after.put(stream.streamName(), stream);
    return new Change(new Catalog(next, created.toEpochMilli(), after), stream);
  }

  /**
   * DeleteStream. The returned stream has status {@link StreamStatus#DELETING}; the catalog after
   * the change no longer holds it.
   *
   * @param currentVersion null to delete whatever the version
   */
  public Change delete(StreamArn arn, String currentVersion) {
    StreamInfo stream = find(new StreamRef.ByArn(arn));
    if (currentVersion != null) {
      checkVersion(stream, MemberRules.version("CurrentVersion", currentVersion));
    }
    TreeMap<String, StreamInfo> left = new TreeMap<>(streams);
    left.remove(stream.streamName());
    return new Change(new Catalog(revision + 1, lastCreationMillis, left), stream.withStatus(StreamStatus.DELETING));
  }

  /** UpdateDataRetention. */
  public Change updateRetention(RetentionUpdate update) {
    StreamInfo stream = find(update.stream());
    checkVersion(stream, update.currentVersion());
    int hours = update.apply(stream.dataRetentionInHours());
    long next = revision + 1;
    return put(next, stream.withRetention(hours, versionOf(next)));
  }

  /** TagStream: adds or replaces tags. */
  public Change tag(StreamRef ref, Tags tags) {
    StreamInfo stream = find(ref);
    return put(revision + 1, stream.withTags(stream.tags().plus(tags)));
  }

  /** UntagStream: removes the keys present. */
  public Change untag(StreamRef ref, Collection<String> keys) {
    StreamInfo stream = find(ref);
    return put(revision + 1, stream.withTags(stream.tags().minus(keys)));
  }

  /** ListStreams: the page after {@code query.after()}, in name order. */
  public Page<StreamInfo> list(ListQuery query) {
    NavigableMap<String, StreamInfo> rest = query.after() == null
        ? streams
        : streams.tailMap(query.after().lastKey(), false);
    if (query.namePrefix() != null) {
      String from = query.after() == null || query.namePrefix().compareTo(query.after().lastKey()) > 0
          ? query.namePrefix()
          : null;
      rest = from == null ? rest : rest.tailMap(from, true);
    }
    List<StreamInfo> page = new ArrayList<>();
    for (StreamInfo stream : rest.values()) {
      if (!query.matches(stream.streamName())) {
        break; // names are sorted: past the prefix's range nothing matches any more
      }
      if (page.size() == query.maxResults()) {
        return new Page<>(page, new PageToken(PageToken.STREAMS, page.get(page.size() - 1).streamName()).encode());
      }
      page.add(stream);
    }
    return new Page<>(page, null);
  }

  /** ListTagsForStream: the page of tags after {@code after}, in key order. */
  public Page<Map.Entry<String, String>> listTags(StreamRef ref, PageToken after) {
    if (after != null && !PageToken.TAGS.equals(after.kind())) {
      throw new InvalidArgumentException("NextToken does not continue a tag listing");
    }
    NavigableMap<String, String> tags = new TreeMap<>(find(ref).tags().entries());
    NavigableMap<String, String> rest = after == null ? tags : tags.tailMap(after.lastKey(), false);
    List<Map.Entry<String, String>> page = new ArrayList<>();
    for (Map.Entry<String, String> tag : rest.entrySet()) {
      if (page.size() == TAGS_PER_PAGE) {
        return new Page<>(page, new PageToken(PageToken.TAGS, page.get(page.size() - 1).getKey()).encode());
      }
      page.add(new AbstractMap.SimpleImmutableEntry<>(tag));
    }
    return new Page<>(page, null);
  }

  private Change put(long nextRevision, StreamInfo stream) {
    TreeMap<String, StreamInfo> next = new TreeMap<>(streams);
    next.put(stream.streamName(), stream);
    return new Change(new Catalog(nextRevision, lastCreationMillis, next), stream);
  }

  private static void checkVersion(StreamInfo stream, String currentVersion) {
    if (!stream.version().equals(currentVersion)) {
      throw new VersionMismatchException("The version " + currentVersion + " of stream " + stream.streamName()
          + " is not its current version");
    }
  }

  /**
   * The version for a revision: 16 hex digits of a bijective 64-bit mix (SplitMix64's
   * finaliser), so distinct revisions give distinct versions that do not look like a counter.
   */
  static String versionOf(long revision) {
    long z = revision;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = z ^ (z >>> 31);
    return String.format("%016x", z);
  }
}
