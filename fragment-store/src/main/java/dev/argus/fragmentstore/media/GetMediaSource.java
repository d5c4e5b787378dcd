package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.StoredFragment;
import dev.argus.fragmentstore.store.FragmentCursor;
import dev.argus.fragmentstore.store.StreamKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GetMedia's bytes: a {@link FragmentCursor} from the resolved start, each stored fragment as a
 * whole {@link MkvChunks#live} chunk; at the end of the store, the fragment PutMedia is receiving
 * ({@link LiveFeeds}) in parts as it arrives, for as long as the stream lives. Holds its reader
 * slot until closed.
 *
 * <p>Live edge: when the cursor is at the offset of the stream's {@link LiveFragment}, the reader
 * gets {@link MkvChunks#liveHead} at once, then the fragment's pieces (its blocks) each time some
 * arrived, then {@link MkvChunks#liveTail} (MILLIS_BEHIND_NOW, CONTINUATION_TOKEN) once it is
 * stored, and goes on after it. The bytes differ from the stored chunk only in the Cluster's size
 * (unknown rather than known); fragment number, timestamps and blocks are the same.
 *
 * <p>A fragment that fails while a reader is writing it (the producer's ERROR ack, its disconnect
 * or silence, a store failure) ends the chunk with {@link MkvChunks#errorTail} (ERROR_CODE and
 * ERROR_ID, no continuation token) and then the response: KVS's "error that caused GetMedia to
 * stop". The reader's last token names the fragment before, so resuming from it skips nothing
 * stored; the failed fragment is never stored and its number never reused.
 *
 * <p>Slow readers: a reader takes whatever pieces are there when its socket can take more, so it
 * never holds up the producer. One that falls behind keeps (only) the fragment it is writing, and
 * after it reads the fragments stored meanwhile from the store until it reaches the live edge
 * again.
 *
 * <p>Not thread-safe (one caller at a time, as {@link ChunkSource} requires).
 */
final class GetMediaSource implements ChunkSource {
  /** Most bytes one {@link #next} returns from a live fragment. */
  static final int DEFAULT_MAX_LIVE_READ_BYTES = 1 << 20;

  private final FragmentCursor cursor;
  private final ReaderLimits.Slot slot;
  private final Clock clock;
  private final LiveFeeds feeds;
  private final StreamKey key;
  /** The live fragment being written, or null. */
  private LiveFragment live;
  /** Pieces of {@link #live} written. */
  private int written;
  /** A live fragment failed: the response ends. */
  private boolean stopped;
  private Runnable feedWaiter;

  GetMediaSource(FragmentCursor cursor, ReaderLimits.Slot slot, Clock clock, LiveFeeds feeds, StreamKey key) {
    this.cursor = cursor;
    this.slot = slot;
    this.clock = clock;
    this.feeds = feeds;
    this.key = key;
  }

  @Override
  public Optional<byte[]> next() throws IOException {
    if (stopped) {
      return Optional.empty();
    }
    if (live != null) {
      return nextLive();
    }
    Optional<StoredFragment> fragment = cursor.poll();
    if (fragment.isPresent()) {
      StoredFragment f = fragment.get();
      return Optional.of(MkvChunks.live(f, clock.millis() - f.meta().serverMillis()));
    }
    Optional<LiveFragment> edge = liveEdge();
    if (edge.isEmpty()) {
      return Optional.empty();
    }
    live = edge.get();
    written = 0;
    return Optional.of(MkvChunks.liveHead(live.header(), live.number(), live.producerMillis()));
  }

  /** The stream's live fragment, if it is the one the cursor reads next. */
  private Optional<LiveFragment> liveEdge() {
    return feeds.current(key).filter(f -> f.number().offset() == cursor.position());
  }

  private Optional<byte[]> nextLive() {
    LiveFragment.View view = live.view(written);
    if (!view.pieces().isEmpty()) {
      return Optional.of(take(view.pieces()));
    }
    switch (view.state()) {
      case OPEN:
        return Optional.empty();
      case COMPLETE:
        live = null;
        cursor.skipTo(view.stored().offset() + 1);
        return Optional.of(MkvChunks.liveTail(view.stored().number(), clock.millis() - view.completedMillis()));
      default:
        live = null;
        stopped = true;
        return Optional.of(MkvChunks.errorTail(view.error()));
    }
  }

  private byte[] take(List<byte[]> pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] piece : pieces) {
      if (out.size() > 0 && out.size() + piece.length > DEFAULT_MAX_LIVE_READ_BYTES) {
        break;
      }
      out.writeBytes(piece);
      written++;
    }
    return out.toByteArray();
  }

  @Override
  public boolean finished() {
    return stopped || cursor.ended();
  }

  @Override
  public void whenAvailable(Runnable action) {
    AtomicBoolean once = new AtomicBoolean();
    Runnable guarded = () -> {
      if (once.compareAndSet(false, true)) {
        action.run();
      }
    };
    if (live != null) {
      live.whenChanged(written, guarded);
      return;
    }
    cancelFeedWaiter();
    feedWaiter = guarded;
    feeds.whenBegun(key, guarded);
    cursor.whenAvailable(guarded);
    if (liveEdge().isPresent()) {
      guarded.run(); // it began before the waiter was in place
    }
  }

  private void cancelFeedWaiter() {
    if (feedWaiter != null) {
      feeds.cancel(key, feedWaiter);
      feedWaiter = null;
    }
  }

  @Override
  public void close() {
    cancelFeedWaiter();
    cursor.close();
    slot.close();
  }
}
