package dev.argus.fragmentstore.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.AwsRequest;
import dev.argus.fragmentstore.api.Members;
import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import dev.argus.fragmentstore.catalog.PageToken;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.StreamRef;
import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import dev.argus.fragmentstore.fragment.FragmentIndex;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.TimestampKind;
import dev.argus.fragmentstore.store.FragmentStore;
import dev.argus.fragmentstore.store.StreamStorage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * ListFragments: the fragments whose producer or server timestamp lies in an inclusive range,
 * ordered by that timestamp (then ingest order), a page at a time. Without a FragmentSelector it
 * lists every stored fragment by server timestamp.
 *
 * <p>NextToken: a {@link PageToken} of kind {@code fragments} whose key is
 * {@code <FragmentSelectorType>:<millis>:<offset>} of the page's last fragment; the next page
 * starts strictly after it, so pages neither repeat nor skip fragments that stay stored.
 *
 * <p>Thread-safe: stateless over the thread-safe catalog and store.
 */
final class ArchivedMediaOperations {
  /** MaxResults when the request has none. */
  static final int DEFAULT_MAX_RESULTS = 100;
  static final int MAX_RESULTS = 1000;
  static final String TOKEN_KIND = "fragments";

  private final VideoStreamCatalog catalog;
  private final FragmentStore store;

  ArchivedMediaOperations(VideoStreamCatalog catalog, FragmentStore store) {
    this.catalog = catalog;
    this.store = store;
  }

  /** The stream a request names, opened. */
  static StreamStorage stream(VideoStreamCatalog catalog, FragmentStore store, JsonNode body) throws IOException {
    StreamInfo info = catalog.describe(StreamRef.of(Members.text(body, "StreamName"), Members.text(body, "StreamARN")));
    return store.open(info);
  }

  record FragmentDocument(String fragmentNumber, Long fragmentSizeInBytes, Instant producerTimestamp,
      Instant serverTimestamp, Long fragmentLengthInMilliseconds) {
    static FragmentDocument of(FragmentMeta meta) {
      return new FragmentDocument(meta.number().toString(), (long) meta.sizeBytes(),
          Instant.ofEpochMilli(meta.producerMillis()), Instant.ofEpochMilli(meta.serverMillis()),
          (long) meta.durationMillis());
    }
  }

  record ListFragmentsOutput(List<FragmentDocument> fragments, String nextToken) {
  }

  Object listFragments(AwsRequest request) throws IOException {
    JsonNode body = request.body();
    StreamStorage stream = stream(catalog, store, body);
    Integer max = Members.integer(body, "MaxResults");
    int limit = max == null ? DEFAULT_MAX_RESULTS : max;
    if (limit < 1 || limit > MAX_RESULTS) {
      throw new InvalidArgumentException("MaxResults must be 1 to " + MAX_RESULTS + ", not " + limit);
    }
    TimestampKind kind = TimestampKind.SERVER_TIMESTAMP;
    long from = Long.MIN_VALUE;
    long to = Long.MAX_VALUE;
    JsonNode selector = Members.object(body, "FragmentSelector");
    if (selector != null) {
      kind = kind(Members.required(Members.text(selector, "FragmentSelectorType"), "FragmentSelectorType"));
      JsonNode range = Members.required(Members.object(selector, "TimestampRange"), "TimestampRange");
      from = requiredTime(request, range, "StartTimestamp");
      to = requiredTime(request, range, "EndTimestamp");
      if (from > to) {
        throw new InvalidArgumentException("StartTimestamp is after EndTimestamp");
      }
    }
    FragmentIndex.Position after = position(kind, Members.text(body, "NextToken"));
    TimestampKind k = kind;
    long f = from;
    long t = to;
    List<FragmentMeta> page = stream.query(index -> index.range(k, f, t, after, limit + 1));
    String next = null;
    if (page.size() > limit) {
      page = page.subList(0, limit);
      FragmentIndex.Position last = FragmentIndex.Position.of(kind, page.get(limit - 1));
      next = new PageToken(TOKEN_KIND, kind.name() + ":" + last.millis() + ":" + last.offset()).encode();
    }
    return new ListFragmentsOutput(page.stream().map(FragmentDocument::of).toList(), next);
  }

  private static long requiredTime(AwsRequest request, JsonNode range, String member) {
    Instant instant = request.timestamp(range.get(member));
    return Members.required(instant, member).toEpochMilli();
  }

  static TimestampKind kind(String value) {
    try {
      return TimestampKind.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("FragmentSelectorType must be PRODUCER_TIMESTAMP or SERVER_TIMESTAMP, not "
          + value);
    }
  }

  private static FragmentIndex.Position position(TimestampKind kind, String token) {
    PageToken parsed = PageToken.parse(token, TOKEN_KIND);
    if (parsed == null) {
      return null;
    }
    String[] parts = parsed.lastKey().split(":");
    try {
      if (parts.length != 3 || !parts[0].equals(kind.name())) {
        throw new NumberFormatException();
      }
      return new FragmentIndex.Position(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("NextToken does not continue this listing");
    }
  }
}
