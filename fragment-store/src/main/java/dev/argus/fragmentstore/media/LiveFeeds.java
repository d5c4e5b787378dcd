package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.StreamLifecycleListener;
import dev.argus.fragmentstore.store.StreamKey;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live edge of every stream: the fragment PutMedia is receiving now, if any, so that readers
 * at the end of the store get its frames as they arrive instead of once it is stored.
 *
 * <p>Invariants: per stream at most one {@link LiveFragment}, the one in progress, and only once
 * its number is reserved ({@link LiveFragment#number()} is then the offset a reader at the end of
 * the store reads next). It is dropped when it completes or fails, so the feed itself holds at
 * most one fragment per stream; readers that are behind read stored fragments instead, and a
 * reader never makes the producer wait (it takes what is there and waits on its own socket).
 *
 * <p>Memory: one small entry per stream fed or waited on since it was created; it is dropped when
 * the catalog deletes the stream ({@link #onDeleted}, as one of the catalog's
 * {@link StreamLifecycleListener}s), its waiters run then so that readers find the stream gone.
 * A PutMedia connection still open on the deleted stream cannot bring the entry back: its store
 * is closed, so it reserves no more numbers and begins no more live fragments.
 *
 * <p>Thread-safe. Waiters run on the thread that begins a fragment (or deletes the stream) and
 * must not block.
 */
public final class LiveFeeds implements StreamLifecycleListener {
  private final ConcurrentHashMap<StreamKey, Feed> feeds = new ConcurrentHashMap<>();

  private static final class Feed {
    final AtomicReference<LiveFragment> current = new AtomicReference<>();
    final Set<Runnable> waiters = ConcurrentHashMap.newKeySet();
  }

  private Feed feed(StreamKey key) {
    return feeds.computeIfAbsent(key, k -> new Feed());
  }

  /** Shows a numbered fragment as the stream's live edge and wakes the waiters. */
  void begin(StreamKey key, LiveFragment fragment) {
    if (fragment.number() == null) {
      throw new IllegalArgumentException("a live fragment needs its number first");
    }
    Feed feed = feed(key);
    feed.current.set(fragment);
    // it may have ended before it was shown; end() then found nothing to drop
    if (fragment.state() != LiveFragment.State.OPEN) {
      feed.current.compareAndSet(fragment, null);
    }
    for (Runnable waiter : feed.waiters) {
      if (feed.waiters.remove(waiter)) {
        waiter.run();
      }
    }
  }

  /** Drops {@code fragment} if it is still the stream's live edge (it completed or failed). */
  void end(StreamKey key, LiveFragment fragment) {
    Feed feed = feeds.get(key);
    if (feed != null) {
      feed.current.compareAndSet(fragment, null);
    }
  }

  /** The fragment the stream is receiving now, if its number is known. */
  public Optional<LiveFragment> current(StreamKey key) {
    Feed feed = feeds.get(key);
    return feed == null ? Optional.empty() : Optional.ofNullable(feed.current.get());
  }

  /** Runs {@code action} once, when the stream's next fragment begins; it must not block. */
  public void whenBegun(StreamKey key, Runnable action) {
    feed(key).waiters.add(action);
  }

  /** Forgets a {@link #whenBegun} action that has not run. */
  public void cancel(StreamKey key, Runnable action) {
    Feed feed = feeds.get(key);
    if (feed != null) {
      feed.waiters.remove(action);
    }
  }

  /** Drops the deleted stream's entry and runs its waiters. */
  @Override
  public void onDeleted(StreamInfo deleted) {
    Feed feed = feeds.remove(StreamKey.of(deleted));
    if (feed != null) {
      feed.current.set(null);
      for (Runnable waiter : feed.waiters) {
        if (feed.waiters.remove(waiter)) {
          waiter.run();
        }
      }
    }
  }

  @Override
  public void onRetentionChanged(StreamInfo updated) {
  }

  /** How many streams have an entry (for tests of {@link #onDeleted}). */
  int streamCount() {
    return feeds.size();
  }
}
