package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.store.StreamKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts live connections per stream and refuses one past the limit: GetMedia readers (3 per
 * stream, as Kinesis Video) and PutMedia producers (1 per stream).
 *
 * <p>Thread-safe.
 */
final class ReaderLimits {
  /** Concurrent GetMedia connections per stream. */
  static final int DEFAULT_MAX_GET_MEDIA = 3;
  /** Concurrent PutMedia connections per stream. */
  static final int DEFAULT_MAX_PUT_MEDIA = 1;

  private final int max;
  private final Map<StreamKey, Integer> counts = new ConcurrentHashMap<>();

  ReaderLimits(int max) {
    this.max = max;
  }

  /** A held slot; closing it gives it back (idempotent). */
  final class Slot implements AutoCloseable {
    private final StreamKey key;
    private boolean released;

    private Slot(StreamKey key) {
      this.key = key;
    }

    @Override
    public synchronized void close() {
      if (!released) {
        released = true;
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
      }
    }
  }

  /** A slot for the stream, or null when it already has {@code max} connections. */
  Slot tryAcquire(StreamKey key) {
    boolean[] granted = new boolean[1];
    counts.compute(key, (k, n) -> {
      int current = n == null ? 0 : n;
      granted[0] = current < max;
      return granted[0] ? current + 1 : current == 0 ? null : current;
    });
    return granted[0] ? new Slot(key) : null;
  }

  int count(StreamKey key) {
    return counts.getOrDefault(key, 0);
  }
}
