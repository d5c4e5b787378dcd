package dev.argus.fragmentstore.store;

import dev.argus.fragmentstore.fragment.StoredFragment;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads one stream's fragments in ingest order from a start offset: those already stored, then
 * live ones as they are appended. This is the in-process API for tailing a stream (GetMedia uses
 * it, and so should a stream processor):
 *
 * <pre>{@code
 * try (FragmentCursor cursor = store.open(stream).cursor(start)) {
 *   while (running) {
 *     Optional<StoredFragment> next = cursor.poll(Duration.ofSeconds(1)); // blocking form
 *     next.ifPresent(fragment -> process(fragment));
 *     if (next.isEmpty() && cursor.ended()) break;
 *   }
 * }
 * }</pre>
 *
 * Event-loop code uses {@link #poll()} and {@link #whenAvailable(Runnable)} instead, which never
 * block. If retention drops fragments the cursor has not read yet, it skips to the oldest kept one.
 *
 * <p>Not thread-safe: one reader at a time; only {@link #whenAvailable}'s callback and the wake-up
 * may come from the appending thread.
 */
public final class FragmentCursor implements AutoCloseable {
  private final StreamStorage storage;
  private final Object signal = new Object();
  private final Runnable listener = this::wake;
  private final AtomicReference<Runnable> callback = new AtomicReference<>();
  /** The offset read next. */
  private long position;

  FragmentCursor(StreamStorage storage, long position) {
    if (position < 0) {
      throw new IllegalArgumentException("negative offset " + position);
    }
    this.storage = storage;
    this.position = position;
    storage.addListener(listener);
  }

  /** The offset the cursor reads next. */
  public long position() {
    return position;
  }

  /**
   * Moves the cursor forward to {@code offset} (never back): a reader that took a fragment another
   * way (from the live feed while it arrived) skips its stored copy.
   */
  public void skipTo(long offset) {
    position = Math.max(position, offset);
  }

  /** The next fragment if one is stored now, without waiting. */
  public Optional<StoredFragment> poll() throws IOException {
    while (true) {
      if (storage.isClosed()) {
        return Optional.empty();
      }
      long first = storage.firstOffset();
      if (position < first) {
        position = first;
      }
      if (position >= storage.nextOffset()) {
        return Optional.empty();
      }
      Optional<StoredFragment> fragment = storage.read(position);
      if (fragment.isPresent()) {
        position = fragment.get().meta().offset() + 1;
        return fragment;
      }
      // retention dropped it between the checks: start over from the new first offset
    }
  }

  /** The next fragment, waiting up to {@code timeout} for one to be appended. */
  public Optional<StoredFragment> poll(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<StoredFragment> next = poll();
      if (next.isPresent() || storage.isClosed()) {
        return next;
      }
      synchronized (signal) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        if (position >= storage.nextOffset() && !storage.isClosed()) {
          signal.wait(Math.max(1, left / 1_000_000));
        }
      }
    }
  }

  /** True once the stream is closed (deleted or the server is stopping): nothing more comes. */
  public boolean ended() {
    return storage.isClosed();
  }

  /** True when {@link #poll()} would return a fragment now (or the stream ended). */
  public boolean available() {
    return storage.isClosed() || position < storage.nextOffset();
  }

  /**
   * Runs {@code action} once, as soon as a fragment is available or the stream ends: at once on
   * this thread if that is already so, else on the appending thread, which it must not block.
   * Replaces an earlier pending action.
   */
  public void whenAvailable(Runnable action) {
    callback.set(action);
    if (available()) {
      fire();
    }
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
    fire();
  }

  private void fire() {
    Runnable action = callback.getAndSet(null);
    if (action != null) {
      action.run();
    }
  }

  @Override
  public void close() {
    storage.removeListener(listener);
    callback.set(null);
  }
}
