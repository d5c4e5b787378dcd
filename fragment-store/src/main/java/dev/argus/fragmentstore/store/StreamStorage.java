package dev.argus.fragmentstore.store;

import dev.argus.fragmentstore.fragment.EntryCodec;
import dev.argus.fragmentstore.fragment.FragmentDraft;
import dev.argus.fragmentstore.fragment.FragmentIndex;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.StoredFragment;
import dev.argus.fragmentstore.fragment.StreamHeader;
import dev.argus.fragmentstore.fragment.TimestampKind;
import dev.argus.log.Log;
import dev.argus.log.LogConfig;
import dev.argus.log.LogEntry;
import dev.argus.log.OffsetOutOfRangeException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fragments of one stream incarnation on disk: two logs in its directory, {@code fragments/}
 * (one entry per fragment) and {@code headers/} (one entry per distinct stream header; its offset
 * is the header's version), both in {@link EntryCodec}'s formats, plus the in-memory
 * {@link FragmentIndex} rebuilt from the fragment log on open.
 *
 * <p>A header lives in its own log so that retention, which drops whole fragment segments, never
 * drops a header that a kept fragment needs. A fragment is {@linkplain Appended#persisted()
 * persisted} once both its entry and its header's entry are covered by an fsync (the logs share
 * the store's group-commit flusher).
 *
 * <p>Visibility: a fragment is visible to readers (index, {@link #read}, cursors) as soon as it
 * is wholly written to the log, before it is durable, so live readers see it at once. After a
 * crash, what the log kept is what is visible; a fragment never appears partially.
 *
 * <p>Cost of open: the index is read from the {@link IndexSidecar} ({@code index} in the stream's
 * directory, one small record per fragment, appended with each fragment). It is checked against the
 * log: records below the log's first offset (retention) or at or past its end (a crash lost the
 * entries) are dropped, the first and last kept records must match the log's offsets and server
 * times, and the log is scanned only from the last kept record on. A missing or damaged sidecar
 * means a full scan of the log, after which the sidecar is written anew.
 *
 * <p>Thread-safe. Appends, retention and close are serialised by the writer lock; reads go
 * straight to the log (safe from any thread) and to the index under its monitor.
 */
public final class StreamStorage implements AutoCloseable {
  private static final int SCAN_BATCH_ENTRIES = 64;
  private static final long SCAN_BATCH_BYTES = 32L << 20;
  private static final Logger log = LoggerFactory.getLogger(StreamStorage.class);
  static final String SIDECAR_FILE = "index";

  private final StreamKey key;
  private final Path dir;
  private final Clock clock;
  private final Log fragments;
  private final Log headers;
  private final ReentrantLock writer = new ReentrantLock();
  /** Guarded by its own monitor. */
  private final FragmentIndex index;
  /** Every stored header by version; headers are few and small. */
  private final Map<Long, StreamHeader> headerVersions = new ConcurrentHashMap<>();
  /** Told after each fragment becomes visible, and once on close; never under a lock. */
  private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
  /** Latest header version, -1 before the first; writer only. */
  private long latestHeader = -1;
  /** Largest server time given; server times never decrease. Writer only. */
  private long lastServerMillis;
  /** The last number {@link #reserveNumber} gave, or null. Writer only. */
  private FragmentNumber reserved;
  private volatile boolean closed;
  /** Writer only; null once an append to it failed (the next open scans the log tail instead). */
  private IndexSidecar sidecar;
  /** How many fragments the last open read from the log rather than the sidecar; for tests. */
  private long scannedOnOpen;

  private StreamStorage(StreamKey key, Path dir, Clock clock, Log fragments, Log headers, FragmentIndex index) {
    this.key = key;
    this.dir = dir;
    this.clock = clock;
    this.fragments = fragments;
    this.headers = headers;
    this.index = index;
  }

  /** Opens (creating or recovering) the stream's logs in {@code dir} and rebuilds the index. */
  static StreamStorage open(StreamKey key, Path dir, LogConfig config, Clock clock) throws IOException {
    Log fragments = Log.open(dir.resolve("fragments"), config);
    Log headers;
    try {
      headers = Log.open(dir.resolve("headers"), config.withMaxSegmentAge(LogConfig.NO_SEGMENT_AGE_LIMIT));
    } catch (IOException | RuntimeException e) {
      fragments.close();
      throw e;
    }
    try {
      StreamStorage storage = new StreamStorage(key, dir, clock, fragments, headers, new FragmentIndex());
      storage.load();
      return storage;
    } catch (IOException | RuntimeException e) {
      fragments.close();
      headers.close();
      throw e;
    }
  }

  private void load() throws IOException {
    scan(headers, headers.firstOffset(), entry -> {
      headerVersions.put(entry.offset(), EntryCodec.decodeHeader(entry.payload()));
      latestHeader = entry.offset();
      return null;
    });
    IndexSidecar.Loaded loaded = IndexSidecar.load(dir.resolve(SIDECAR_FILE), key.creationMillis());
    sidecar = loaded.sidecar();
    try {
      loadFragments(loaded);
    } catch (IOException | RuntimeException e) {
      closeSidecar();
      throw e;
    }
  }

  private void loadFragments(IndexSidecar.Loaded loaded) throws IOException {
    List<FragmentMeta> kept = usable(loaded.metas());
    long from = fragments.firstOffset();
    for (FragmentMeta meta : kept) {
      index.add(meta);
      lastServerMillis = Math.max(lastServerMillis, meta.serverMillis());
      from = meta.offset() + 1;
    }
    List<FragmentMeta> tail = new ArrayList<>();
    scan(fragments, from, entry -> {
      FragmentNumber number = new FragmentNumber(entry.timestampMillis(), key.creationMillis(), entry.offset());
      FragmentMeta meta = EntryCodec.decodeFragmentMeta(number, entry.payload());
      index.add(meta);
      tail.add(meta);
      lastServerMillis = Math.max(lastServerMillis, entry.timestampMillis());
      return null;
    });
    scannedOnOpen = tail.size();
    if (kept.size() != loaded.metas().size()) {
      sidecar.rewrite(index.all());
    } else {
      for (FragmentMeta meta : tail) {
        sidecar.append(meta);
      }
    }
  }

  /**
   * The sidecar records that agree with the log: those within its offsets, provided they start at
   * its first offset and the first and last of them carry the log's server times; else none.
   */
  private List<FragmentMeta> usable(List<FragmentMeta> records) throws IOException {
    long first = fragments.firstOffset();
    long next = fragments.nextOffset();
    List<FragmentMeta> kept = records.stream().filter(m -> m.offset() >= first && m.offset() < next).toList();
    if (kept.isEmpty()) {
      return kept;
    }
    FragmentMeta head = kept.get(0);
    FragmentMeta last = kept.get(kept.size() - 1);
    if (head.offset() != first || !matchesLog(head) || !matchesLog(last)) {
      log.warn("stream {}: the index sidecar disagrees with the log; rebuilding it from the log", key);
      return List.of();
    }
    return kept;
  }

  private boolean matchesLog(FragmentMeta meta) throws IOException {
    OptionalLong server = fragments.timestampOf(meta.offset());
    return server.isPresent() && server.getAsLong() == meta.serverMillis();
  }

  private static void scan(Log log, long from, Function<LogEntry, Void> visit) throws IOException {
    long offset = from;
    while (offset < log.nextOffset()) {
      List<LogEntry> batch = log.read(offset, SCAN_BATCH_ENTRIES, SCAN_BATCH_BYTES);
      for (LogEntry entry : batch) {
        visit.apply(entry);
      }
      offset += batch.size();
    }
  }

  public StreamKey key() {
    return key;
  }

  /**
   * Stores {@code header} unless it equals the latest stored one, and returns its version. Writer
   * side; the header becomes durable with the first fragment persisted after it.
   */
  public long putHeader(StreamHeader header) throws IOException {
    writer.lock();
    try {
      ensureOpen();
      if (latestHeader >= 0 && headerVersions.get(latestHeader).equals(header)) {
        return latestHeader;
      }
      long version = headers.append(clock.millis(), EntryCodec.encodeHeader(header));
      headerVersions.put(version, header);
      latestHeader = version;
      return version;
    } finally {
      writer.unlock();
    }
  }

  /** A header by version. */
  public Optional<StreamHeader> header(long version) {
    return Optional.ofNullable(headerVersions.get(version));
  }

  /** An appended fragment and the future that completes once it is on disk. */
  public record Appended(FragmentMeta meta, CompletableFuture<Void> persisted) {
  }

  /**
   * Appends a fragment: it gets the current server time (never earlier than the previous
   * fragment's) and the next offset, becomes visible to readers, and is persisted by the next
   * group commit.
   *
   * @throws IllegalArgumentException when the draft's header version was never stored
   */
  public Appended append(FragmentDraft draft) throws IOException {
    return append(draft, null);
  }

  /**
   * Names the fragment the single writer is about to receive, before its bytes are complete (so
   * that live readers can be told its number while it arrives): the current server time (never
   * earlier than the last fragment's, and later than an earlier reservation of the same offset, so
   * a fragment that failed after its number was shown never shares it with the next one) and the
   * next offset. {@link #append(FragmentDraft, FragmentNumber)} then stores it under that number.
   */
  public FragmentNumber reserveNumber() throws IOException {
    writer.lock();
    try {
      ensureOpen();
      long offset = fragments.nextOffset();
      long server = Math.max(lastServerMillis, clock.millis());
      if (reserved != null && reserved.offset() == offset && server <= reserved.serverMillis()) {
        server = reserved.serverMillis() + 1;
      }
      reserved = new FragmentNumber(server, key.creationMillis(), offset);
      return reserved;
    } finally {
      writer.unlock();
    }
  }

  /**
   * Appends a fragment under a number from {@link #reserveNumber}, or under a new one when {@code
   * number} is null.
   *
   * @throws IllegalStateException when another fragment was appended since the reservation
   */
  public Appended append(FragmentDraft draft, FragmentNumber number) throws IOException {
    if (!headerVersions.containsKey(draft.headerVersion())) {
      throw new IllegalArgumentException("unknown header version " + draft.headerVersion());
    }
    FragmentMeta meta;
    writer.lock();
    try {
      ensureOpen();
      long server = number == null ? Math.max(lastServerMillis, clock.millis()) : number.serverMillis();
      long offset = fragments.nextOffset();
      if (number != null && (number.offset() != offset || server < lastServerMillis)) {
        throw new IllegalStateException("fragment number " + number + " is stale: next offset " + offset);
      }
      meta = draft.metaAt(new FragmentNumber(server, key.creationMillis(), offset));
      long written = fragments.append(server, EntryCodec.encodeFragment(meta, draft.metadata(), draft.cluster()));
      if (written != offset) {
        throw new IllegalStateException("log gave offset " + written + ", expected " + offset);
      }
      lastServerMillis = server;
      synchronized (index) {
        index.add(meta);
      }
      appendToSidecar(meta);
    } finally {
      writer.unlock();
    }
    CompletableFuture<Void> persisted = CompletableFuture.allOf(fragments.durable(meta.offset()),
        headers.durable(draft.headerVersion()));
    notifyListeners();
    return new Appended(meta, persisted);
  }

  /** Writer only. A failed sidecar write costs the next open a longer log scan, nothing else. */
  private void appendToSidecar(FragmentMeta meta) {
    if (sidecar == null) {
      return;
    }
    try {
      sidecar.append(meta);
    } catch (IOException e) {
      log.warn("stream {}: index sidecar write failed; the next open scans the log from here", key, e);
      closeSidecar();
    }
  }

  private void closeSidecar() {
    try {
      sidecar.close();
    } catch (IOException e) {
      log.debug("stream {}: closing the index sidecar", key, e);
    }
    sidecar = null;
  }

  /** The fragment at {@code offset}; empty past the end or when retention dropped it. */
  public Optional<StoredFragment> read(long offset) throws IOException {
    Optional<LogEntry> entry;
    try {
      entry = fragments.read(offset);
    } catch (OffsetOutOfRangeException e) {
      return Optional.empty();
    }
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    LogEntry e = entry.get();
    FragmentNumber number = new FragmentNumber(e.timestampMillis(), key.creationMillis(), e.offset());
    FragmentMeta meta = EntryCodec.decodeFragmentMeta(number, e.payload());
    StreamHeader header = headerVersions.get(meta.headerVersion());
    if (header == null) {
      throw new IOException("fragment " + number + " refers to missing header version " + meta.headerVersion());
    }
    return Optional.of(new StoredFragment(meta, header, EntryCodec.decodeCluster(e.payload()),
        EntryCodec.decodeMetadata(e.payload())));
  }

  /** The oldest offset still stored. */
  public long firstOffset() {
    return fragments.firstOffset();
  }

  /** The offset the next fragment gets: every fragment below it is visible. */
  public long nextOffset() {
    return fragments.nextOffset();
  }

  /** Runs {@code query} against the index under its monitor; the query must be quick. */
  public <T> T query(Function<FragmentIndex, T> query) {
    synchronized (index) {
      return query.apply(index);
    }
  }

  /** Fragments stored. */
  public int fragmentCount() {
    return query(FragmentIndex::size);
  }

  /** The fragment with this number, if stored. */
  public Optional<FragmentMeta> find(FragmentNumber number) {
    return query(i -> i.find(number));
  }

  /** Where a reader starting at a time begins; see {@link FragmentIndex#startAt}. */
  public Optional<FragmentMeta> startAt(TimestampKind kind, long millis) {
    return query(i -> i.startAt(kind, millis));
  }

  /**
   * Drops whole segments whose fragments are all older than {@code cutoffMillis} (server time)
   * and forgets them in the index; returns the fragments dropped.
   */
  public int dropOlderThan(long cutoffMillis) throws IOException {
    writer.lock();
    try {
      if (closed) {
        return 0;
      }
      fragments.deleteSegmentsOlderThan(cutoffMillis);
      long first = fragments.firstOffset();
      int dropped;
      List<FragmentMeta> remaining;
      synchronized (index) {
        dropped = index.dropBefore(first);
        remaining = dropped > 0 && sidecar != null ? index.all() : List.of();
      }
      if (dropped > 0 && sidecar != null) {
        try {
          sidecar.rewrite(remaining);
        } catch (IOException e) {
          log.warn("stream {}: index sidecar rewrite failed; the next open rebuilds it", key, e);
          closeSidecar();
        }
      }
      return dropped;
    } finally {
      writer.unlock();
    }
  }

  /** A cursor over this stream's fragments from {@code offset}: stored ones, then live ones. */
  public FragmentCursor cursor(long offset) {
    return new FragmentCursor(this, offset);
  }

  void addListener(Runnable listener) {
    listeners.add(listener);
    if (closed) {
      listener.run();
    }
  }

  void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  private void notifyListeners() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  public boolean isClosed() {
    return closed;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new StreamClosedException(key);
    }
  }

  /** Forces and closes both logs; readers and cursors then see the stream as ended. Idempotent. */
  @Override
  public void close() throws IOException {
    writer.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (sidecar != null) {
        closeSidecar();
      }
      try {
        fragments.close();
      } finally {
        headers.close();
      }
    } finally {
      writer.unlock();
      notifyListeners();
    }
  }

  /** Fragments the last open read from the log rather than the sidecar, for tests. */
  long scannedOnOpen() {
    return scannedOnOpen;
  }

  /** Header versions, for tests. */
  Map<Long, StreamHeader> headers() {
    return new HashMap<>(headerVersions);
  }
}
