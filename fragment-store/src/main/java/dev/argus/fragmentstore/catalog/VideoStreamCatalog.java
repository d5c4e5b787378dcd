package dev.argus.fragmentstore.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live catalog of video streams: the pure {@link Catalog} behind a lock, a
 * {@link CatalogStore} that makes each change durable, and a {@link StreamLifecycleListener} told
 * of creations, deletions and retention changes.
 *
 * <p>An update computes the next catalog, saves it, and only then publishes it, so a failed save
 * ({@link UncheckedIOException}) leaves the catalog as it was and nobody has seen the change.
 * The listener is called once the change is durable and published, still under the lock, so it
 * hears changes in the order they were made (two quick retention changes never arrive swapped).
 *
 * <p>Thread-safe: updates are serialised by the monitor (one writer, hence one save at a time);
 * reads take no lock and see the latest published catalog.
 */
public final class VideoStreamCatalog {

  private static final Logger log = LoggerFactory.getLogger(VideoStreamCatalog.class);

  private final CatalogStore store;
  private final StreamLifecycleListener listener;
  private final Clock clock;
  private final String region;
  private final String account;
  /** The latest durable catalog; replaced only under the monitor, after a successful save. */
  private volatile Catalog current;

  /**
   * @param initial  the catalog loaded from {@code store} (or {@link Catalog#EMPTY})
   * @param region   goes into ARNs and the default KMS key, e.g. {@code us-east-1}
   * @param account  goes into ARNs, e.g. {@code 000000000000}
   */
  public VideoStreamCatalog(Catalog initial, CatalogStore store, StreamLifecycleListener listener, Clock clock,
                            String region, String account) {
    this.current = Objects.requireNonNull(initial, "initial");
    this.store = Objects.requireNonNull(store, "store");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clock = Objects.requireNonNull(clock, "clock");
    new StreamArn(region, account, "x", 0); // validates region and account
    this.region = region;
    this.account = account;
  }

  /** An in-memory catalog for tests. */
  public static VideoStreamCatalog inMemory(Clock clock) {
    return inMemory(StreamLifecycleListener.NONE, clock);
  }

  /** {@link #inMemory(Clock)}, telling {@code listener} of each stream's creation, changes and deletion. */
  public static VideoStreamCatalog inMemory(StreamLifecycleListener listener, Clock clock) {
    return new VideoStreamCatalog(Catalog.EMPTY, CatalogStore.IN_MEMORY, listener, clock, "us-east-1", "000000000000");
  }

  public String region() {
    return region;
  }

  public String account() {
    return account;
  }

  /** The current catalog, a snapshot. */
  public Catalog snapshot() {
    return current;
  }

  /** Every stream, in name order (a snapshot). */
  public Collection<StreamInfo> streams() {
    return current.streams();
  }

  public StreamInfo create(NewStream request) {
    return update(catalog -> catalog.create(request, clock.instant(), region, account), listener::onCreated);
  }

  public StreamInfo describe(StreamRef ref) {
    return current.find(ref);
  }

  public Page<StreamInfo> list(ListQuery query) {
    return current.list(query);
  }

  /** @param currentVersion null to skip the version check */
  public StreamInfo delete(StreamArn arn, String currentVersion) {
    return update(catalog -> catalog.delete(arn, currentVersion), listener::onDeleted);
  }

  public StreamInfo updateRetention(RetentionUpdate request) {
    return update(catalog -> catalog.updateRetention(request), listener::onRetentionChanged);
  }

  public StreamInfo tag(StreamRef ref, Tags tags) {
    return update(catalog -> catalog.tag(ref, tags), null);
  }

  public StreamInfo untag(StreamRef ref, List<String> keys) {
    return update(catalog -> catalog.untag(ref, keys), null);
  }

  /** @param nextToken the client's NextToken; null or empty for the first page */
  public Page<Map.Entry<String, String>> listTags(StreamRef ref, String nextToken) {
    return current.listTags(ref, PageToken.parse(nextToken, PageToken.TAGS));
  }

  /**
   * Applies, saves, publishes, then tells {@code notification} (when not null) about the stream
   * as the change left it; a listener failure is logged and does not undo the change.
   */
  private synchronized StreamInfo update(Function<Catalog, Catalog.Change> operation,
                                         Consumer<StreamInfo> notification) {
    Catalog.Change change = operation.apply(current);
    try {
      store.save(change.after());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the video stream catalog; the change is not made", e);
    }
    current = change.after();
    if (notification != null) {
      try {
        notification.accept(change.stream());
      } catch (RuntimeException e) {
        log.warn("stream lifecycle listener failed for {}", change.stream().arn(), e);
      }
    }
    return change.stream();
  }
}
