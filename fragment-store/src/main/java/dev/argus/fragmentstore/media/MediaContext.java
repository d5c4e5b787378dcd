package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import dev.argus.fragmentstore.store.FragmentStore;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What the media handlers share: the catalog, the store, the per-stream connection limits, the
 * worker pool for disk work, the clock and the streams' live edges.
 *
 * @param workers runs store reads and writes off the event loops; must not reject
 */
record MediaContext(VideoStreamCatalog catalog, FragmentStore store, Executor workers, Clock clock,
    ReaderLimits getLimits, ReaderLimits putLimits, LiveFeeds live) {
  MediaContext {
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(clock, "clock");
  }

  MediaContext(VideoStreamCatalog catalog, FragmentStore store, Executor workers, Clock clock) {
    this(catalog, store, workers, clock, new LiveFeeds());
  }

  MediaContext(VideoStreamCatalog catalog, FragmentStore store, Executor workers, Clock clock, LiveFeeds live) {
    this(catalog, store, workers, clock, new ReaderLimits(ReaderLimits.DEFAULT_MAX_GET_MEDIA),
        new ReaderLimits(ReaderLimits.DEFAULT_MAX_PUT_MEDIA), live);
  }
}
