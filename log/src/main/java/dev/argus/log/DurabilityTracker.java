package dev.argus.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The durable end of one log and the futures waiting for it. Offsets below {@link #durableEnd()} are
 * on disk; a future for offset {@code o} completes once the end passes {@code o}, or fails with the
 * error that made the log give up.
 *
 * <p>Futures are completed outside the lock, on the thread that forced the log (the appender under
 * {@link FsyncPolicy.EveryWrite}, the flusher thread under {@link FsyncPolicy.Interval}, or the
 * closer); dependent actions should not block, or should use the {@code *Async} variants.
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
final class DurabilityTracker {
  /** Waiters keyed by offset; one shared future per offset, handed out as copies. Guarded by this. */
  private final NavigableMap<Long, CompletableFuture<Void>> waiting = new TreeMap<>();
  /** Offsets below it are durable. Guarded by this. */
  private long durableEnd;
  /** Set once forcing failed; every later waiter fails with it. Guarded by this. */
  private IOException failure;

  DurabilityTracker(long durableEnd) {
    this.durableEnd = durableEnd;
  }

  synchronized long durableEnd() {
    return durableEnd;
  }

  /** A future completing when {@code offset} is durable; callers may cancel their copy freely. */
  CompletableFuture<Void> await(long offset) {
    synchronized (this) {
      if (offset < durableEnd) {
        return CompletableFuture.completedFuture(null);
      }
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      return waiting.computeIfAbsent(offset, o -> new CompletableFuture<>()).copy();
    }
  }

  /** Records that offsets below {@code end} are durable and completes their futures. */
  void advance(long end) {
    List<CompletableFuture<Void>> done;
    synchronized (this) {
      if (end <= durableEnd) {
        return;
      }
      durableEnd = end;
      Map<Long, CompletableFuture<Void>> head = waiting.headMap(end, false);
      done = new ArrayList<>(head.values());
      head.clear();
    }
    done.forEach(f -> f.complete(null));
  }

  /** Fails every pending and future waiter above the durable end. */
  void fail(IOException cause) {
    List<CompletableFuture<Void>> failed;
    synchronized (this) {
      if (failure == null) {
        failure = cause;
      }
      failed = new ArrayList<>(waiting.values());
      waiting.clear();
    }
    failed.forEach(f -> f.completeExceptionally(cause));
  }
}
