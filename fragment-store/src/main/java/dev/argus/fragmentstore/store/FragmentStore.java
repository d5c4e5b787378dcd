package dev.argus.fragmentstore.store;

import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.StreamLifecycleListener;
import dev.argus.fragmentstore.fragment.EntryCodec;
import dev.argus.log.FileReaper;
import dev.argus.log.FsyncPolicy;
import dev.argus.log.LogConfig;
import dev.argus.log.LogFlusher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every stream's fragments, under {@code root/<streamName>/<creationMillis>/} (see {@link
 * StreamStorage}), with a few group-commit {@link LogFlusher}s shared by all their logs, retention, and
 * deletion. It is the catalog's {@link StreamLifecycleListener}: DeleteStream closes and deletes a
 * stream's directory, and a retention change (a decrease included) is applied at once.
 *
 * <p>Retention: every {@link StoreConfig#retentionCheckInterval()} each stream drops the segments
 * whose fragments are all older than its DataRetentionInHours (or {@link
 * StoreConfig#zeroRetentionWindow()} for 0). Maintenance runs on one background thread.
 *
 * <p>Thread-safe.
 */
public final class FragmentStore implements StreamLifecycleListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FragmentStore.class);
  /** The reaper's trash under the root: {@code @} is no stream name's character, so no stream's directory. */
  static final String TRASH = "@trash";

  private final Path root;
  private final Clock clock;
  private final StoreConfig config;
  /**
   * Group-commit flushers: one continuous flusher whose threads serve every stream, or interval
   * flushers, each stream's logs using one chosen by its key; either way fsyncs of different
   * streams overlap.
   */
  private final LogFlusher[] flushers;
  private final LogConfig[] logConfigs;
  private final Map<StreamKey, StreamStorage> open = new ConcurrentHashMap<>();
  /** One lock per stream key, held while that stream opens (a few bytes per stream ever opened). */
  private final Map<StreamKey, Object> opening = new ConcurrentHashMap<>();
  /** Each known stream's retention, hours; from the catalog. */
  private final Map<StreamKey, Integer> retentionHours = new ConcurrentHashMap<>();
  private final ScheduledExecutorService maintenance;
  /**
   * Frees deleted streams' fragments and the segments retention drops in the background, paced, so
   * neither stalls other streams' fsyncs.
   */
  private final FileReaper reaper;
  private volatile boolean closed;

  private FragmentStore(Path root, Clock clock, StoreConfig config, FileReaper reaper) {
    this.root = root;
    this.reaper = reaper;
    this.clock = clock;
    this.config = config;
    this.flushers = config.continuousFlush()
        ? new LogFlusher[] {LogFlusher.continuous("fragment-store-flusher", config.flushers())}
        : new LogFlusher[config.flushers()];
    this.logConfigs = new LogConfig[flushers.length];
    for (int i = 0; i < flushers.length; i++) {
      if (flushers[i] == null) {
        flushers[i] = LogFlusher.start(config.flushInterval(), "fragment-store-flusher-" + i);
      }
      logConfigs[i] = LogConfig.defaults(FsyncPolicy.interval(flushers[i]), clock)
          .withMaxSegmentBytes(config.maxSegmentBytes())
          .withMaxSegmentAge(config.segmentAge())
          .withMaxEntryBytes(StoreConfig.MAX_FRAGMENT_BYTES + EntryCodec.MAX_FRAGMENT_OVERHEAD_BYTES)
          .withReaper(reaper);
    }
    this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "fragment-store-maintenance");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Opens the store in {@code root}; call {@link #reconcile} with the catalog's streams next. */
  public static FragmentStore open(Path root, Clock clock, StoreConfig config) throws IOException {
    Files.createDirectories(root);
    FileReaper reaper = FileReaper.start(root.resolve(TRASH), FileReaper.DEFAULT_BYTES_PER_SECOND,
        "fragment-store-reaper");
    FragmentStore store = new FragmentStore(root, clock, config, reaper);
    long every = config.retentionCheckInterval().toMillis();
    store.maintenance.scheduleWithFixedDelay(store::applyRetentionQuietly, every, every, TimeUnit.MILLISECONDS);
    return store;
  }

  /**
   * Makes storage agree with the catalog after open (a crash can lose a lifecycle call): opens every
   * stream of the catalog, rebuilding its index and applying its retention, and deletes the
   * directories of streams the catalog no longer has.
   */
  public void reconcile(Collection<StreamInfo> streams) throws IOException {
    Set<Path> keep = new HashSet<>();
    for (StreamInfo info : streams) {
      StreamKey key = StreamKey.of(info);
      retentionHours.put(key, info.dataRetentionInHours());
      keep.add(key.dir(root));
      applyRetention(key, open(info));
    }
    for (Path dir : streamDirs()) {
      if (!keep.contains(dir)) {
        log.info("deleting fragments of {}: the stream is no longer in the catalog", root.relativize(dir));
        reaper.delete(dir);
      }
    }
  }

  private List<Path> streamDirs() throws IOException {
    try (Stream<Path> names = Files.list(root)) {
      List<Path> byName = names.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().equals(TRASH))
          .toList();
      List<Path> dirs = new java.util.ArrayList<>();
      for (Path name : byName) {
        try (Stream<Path> incarnations = Files.list(name)) {
          incarnations.filter(Files::isDirectory).forEach(dirs::add);
        }
      }
      return dirs;
    }
  }

  /**
   * The stream's storage, opening it on first use. Opening (file creation, directory fsyncs, the
   * index load) holds only that stream's lock, so streams open in parallel and a slow open never
   * stalls the writer threads of streams that are already open (one store-wide lock here made
   * every media writer wait seconds behind 200 opening streams; see BENCHMARKS.md).
   */
  public StreamStorage open(StreamInfo info) throws IOException {
    StreamKey key = StreamKey.of(info);
    StreamStorage storage = open.get(key);
    if (storage != null) {
      return storage;
    }
    synchronized (opening.computeIfAbsent(key, k -> new Object())) {
      if (closed) {
        throw new StreamClosedException(key);
      }
      storage = open.get(key);
      if (storage == null) {
        retentionHours.putIfAbsent(key, info.dataRetentionInHours());
        LogConfig logConfig = logConfigs[Math.floorMod(key.hashCode(), logConfigs.length)];
        storage = StreamStorage.open(key, key.dir(root), logConfig, clock);
        open.put(key, storage);
        if (closed) { // close() may have missed it
          open.remove(key);
          storage.close();
          throw new StreamClosedException(key);
        }
      }
      return storage;
    }
  }

  /** The stream's storage if it is open. */
  public Optional<StreamStorage> ifOpen(StreamKey key) {
    return Optional.ofNullable(open.get(key));
  }

  /** Whether fragments of this stream are ever acknowledged PERSISTED (retention above 0). */
  public boolean persists(StreamKey key) {
    return retentionHours.getOrDefault(key, 0) > 0;
  }

  /**
   * Opens the new stream's logs on the maintenance thread, so that its first PutMedia finds them
   * open: creating them (files and directory fsyncs) on the media writer threads, when 200
   * producers connected at once, held up the writes and live fragment numbers of streams already
   * streaming (see BENCHMARKS.md, "Start-up burst at 200 streams"). A PutMedia that comes first
   * opens them itself, as before; a stream deleted before its turn is not opened.
   */
  @Override
  public void onCreated(StreamInfo created) {
    StreamKey key = StreamKey.of(created);
    retentionHours.put(key, created.dataRetentionInHours());
    try {
      maintenance.execute(() -> prepare(created));
    } catch (RejectedExecutionException e) {
      log.debug("store closed; {} opens on its first use", key);
    }
  }

  private void prepare(StreamInfo info) {
    StreamKey key = StreamKey.of(info);
    try {
      synchronized (opening.computeIfAbsent(key, k -> new Object())) {
        if (!closed && retentionHours.containsKey(key)) { // onDeleted removes it before taking this lock
          open(info);
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("could not open the logs of new stream {}; its first PutMedia retries", key, e);
    }
  }

  @Override
  public void onDeleted(StreamInfo deleted) {
    StreamKey key = StreamKey.of(deleted);
    retentionHours.remove(key);
    StreamStorage storage;
    synchronized (opening.computeIfAbsent(key, k -> new Object())) {
      storage = open.remove(key);
    }
    maintenance.execute(() -> {
      try {
        if (storage != null) {
          storage.close();
        }
        reaper.delete(key.dir(root));
      } catch (IOException e) {
        log.warn("could not delete the fragments of {}; the next start retries", key, e);
      }
    });
  }

  @Override
  public void onRetentionChanged(StreamInfo updated) {
    StreamKey key = StreamKey.of(updated);
    retentionHours.put(key, updated.dataRetentionInHours());
    maintenance.execute(() -> ifOpen(key).ifPresent(storage -> applyRetentionLogged(key, storage)));
  }

  /** Applies every open stream's retention now; also runs on the maintenance thread's schedule. */
  public void applyRetention() throws IOException {
    for (Map.Entry<StreamKey, StreamStorage> e : open.entrySet()) {
      applyRetention(e.getKey(), e.getValue());
    }
  }

  private void applyRetentionQuietly() {
    for (Map.Entry<StreamKey, StreamStorage> e : open.entrySet()) {
      applyRetentionLogged(e.getKey(), e.getValue());
    }
  }

  private void applyRetentionLogged(StreamKey key, StreamStorage storage) {
    try {
      applyRetention(key, storage);
    } catch (IOException | RuntimeException e) {
      log.warn("retention failed for {}", key, e);
    }
  }

  private void applyRetention(StreamKey key, StreamStorage storage) throws IOException {
    int hours = retentionHours.getOrDefault(key, 0);
    Duration keep = hours == 0 ? config.zeroRetentionWindow() : Duration.ofHours(hours);
    int dropped = storage.dropOlderThan(clock.millis() - keep.toMillis());
    if (dropped > 0) {
      log.info("retention dropped {} fragments of {}", dropped, key);
    }
  }

  /**
   * Forces every stream's pending appends now, on the calling thread, completing their persisted
   * futures there (the flushers do this continuously or every {@link StoreConfig#flushInterval()}).
   */
  public void flush() {
    for (LogFlusher flusher : flushers) {
      flusher.flushAll();
    }
  }

  public StoreConfig config() {
    return config;
  }

  /** Stops maintenance, closes every stream (forcing what was written) and the flusher. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    maintenance.shutdown();
    try {
      maintenance.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (StreamStorage storage : open.values()) {
      try {
        storage.close();
      } catch (IOException | RuntimeException e) {
        log.warn("closing {} failed", storage.key(), e);
      }
    }
    open.clear();
    for (LogFlusher flusher : flushers) {
      flusher.close();
    }
    reaper.close();
  }

  /** Waits until deleted streams' fragments are freed; false on timeout. For tests. */
  boolean awaitDeletions(long timeout, TimeUnit unit) throws InterruptedException {
    return reaper.awaitEmpty(timeout, unit);
  }
}
