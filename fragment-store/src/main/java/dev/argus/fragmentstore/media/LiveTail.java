package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.StoredFragment;
import dev.argus.fragmentstore.store.FragmentCursor;
import dev.argus.fragmentstore.store.StreamKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tail of one stream as GetMedia sends it, for GetMedia ({@link GetMediaSource}) and in-process
 * readers (the stream processors): a {@link FragmentCursor} from the resolved start, each stored fragment as a
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
 * ERROR_ID, no continuation token). For GetMedia the response then ends: KVS's "error that caused
 * GetMedia to stop"; the reader's last token names the fragment before, so resuming from it skips
 * nothing stored. In-process readers go on with the next fragment instead. Either way the failed
 * fragment is never stored, its number never reused, and no continuation token ever names it;
 * frames of it that a reader already took stay taken (they were valid when they arrived).
 *
 * <p>Slow readers: a reader takes whatever pieces are there when its socket can take more, so it
 * never holds up the producer. One that falls behind keeps (only) the fragment it is writing, and
 * after it reads the fragments stored meanwhile from the store until it reaches the live edge
 * again.
 *
 * <p>Not thread-safe: one reader at a time; only {@link #whenAvailable}'s callback runs on the
 * writer's thread.
 */
public final class LiveTail implements AutoCloseable {
  /** Most bytes one {@link #next} returns from a live fragment. */
  static final int DEFAULT_MAX_LIVE_READ_BYTES = 1 << 20;

  /**
   * Bytes of one fragment's chunk: a whole {@link MkvChunks#live} chunk, or a part of one at the
   * live edge. Parts of one fragment come in order, one after another, the first with
   * {@code starts}; the chunk ends with the part that has {@code ends}.
   *
   * @param number the fragment's number
   * @param producerMillis its producer timestamp
   * @param mkv the bytes (whole MKV elements only at a chunk's start and end); may be shared with
   *     other readers: never write into them
   * @param starts whether these bytes begin the chunk (EBML header first)
   * @param ends whether these bytes end the chunk (no more for this fragment)
   */
  public record Part(FragmentNumber number, long producerMillis, byte[] mkv, boolean starts, boolean ends) {
  }

  private final FragmentCursor cursor;
  private final boolean stopOnFailure;
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

  /**
   * Reads from {@code cursor}'s position; the tail owns the cursor.
   *
   * @param stopOnFailure true for GetMedia: a fragment that fails while being read ends the tail
   *     ({@link #finished()}); false for in-process readers, which go on with the next fragment
   *     (its chunk starts with an EBML header, which also ends the failed one's Segment)
   */
  public LiveTail(FragmentCursor cursor, LiveFeeds feeds, StreamKey key, Clock clock, boolean stopOnFailure) {
    this.stopOnFailure = stopOnFailure;
    this.cursor = cursor;
    this.clock = clock;
    this.feeds = feeds;
    this.key = key;
  }

  /** The next bytes if there are some now, without waiting (may read the disk). */
  public Optional<Part> next() throws IOException {
    if (stopped) {
      return Optional.empty();
    }
    if (live != null) {
      return nextLive();
    }
    Optional<StoredFragment> fragment = cursor.poll();
    if (fragment.isPresent()) {
      StoredFragment f = fragment.get();
      return Optional.of(new Part(f.meta().number(), f.meta().producerMillis(),
          MkvChunks.live(f, clock.millis() - f.meta().serverMillis()), true, true));
    }
    Optional<LiveFragment> edge = liveEdge();
    if (edge.isEmpty()) {
      return Optional.empty();
    }
    live = edge.get();
    written = 0;
    return Optional.of(part(MkvChunks.liveHead(live.header(), live.number(), live.producerMillis(),
        live.metadata()), true, false));
  }

  /**
   * Whether the tail is writing a live fragment: {@link #next} then takes its pieces (or its end)
   * from memory and does no disk I/O, so it may run on an event loop.
   */
  public boolean atLiveEdge() {
    return live != null && !stopped;
  }

  /** The stream's live fragment, if it is the one the cursor reads next. */
  private Optional<LiveFragment> liveEdge() {
    return feeds.current(key).filter(f -> f.number().offset() == cursor.position());
  }

  private Optional<Part> nextLive() {
    LiveFragment.View view = live.view(written);
    if (!view.pieces().isEmpty()) {
      return Optional.of(part(take(view.pieces()), false, false));
    }
    Part last;
    switch (view.state()) {
      case OPEN:
        return Optional.empty();
      case COMPLETE:
        last = part(MkvChunks.liveTail(view.stored().number(), clock.millis() - view.completedMillis()), false, true);
        cursor.skipTo(view.stored().offset() + 1);
        break;
      default:
        last = part(MkvChunks.errorTail(view.error()), false, true);
        stopped = stopOnFailure;
    }
    live = null;
    return Optional.of(last);
  }

  private Part part(byte[] mkv, boolean starts, boolean ends) {
    return new Part(live.number(), live.producerMillis(), mkv, starts, ends);
  }

  /** The next bytes, waiting up to {@code timeout} for some (the blocking form of {@link #next}). */
  public Optional<Part> poll(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Part> next = next();
      long left = deadline - System.nanoTime();
      if (next.isPresent() || finished() || left <= 0) {
        return next;
      }
      CountDownLatch changed = new CountDownLatch(1);
      whenAvailable(changed::countDown);
      changed.await(left, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * The pieces from the next unwritten one, joined, up to {@link #DEFAULT_MAX_LIVE_READ_BYTES}
   * (at least one). A lone piece, the usual case at the live edge (one new frame), is handed on as
   * it is, without a copy: pieces are shared and never written into, and neither are parts.
   */
  private byte[] take(List<byte[]> pieces) {
    if (pieces.size() == 1) {
      written++;
      return pieces.get(0);
    }
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

  /**
   * True once nothing more will come: the stream ended, or a fragment failed while being read
   * (the last part then carried its error tags).
   */
  public boolean finished() {
    return stopped || cursor.ended();
  }

  /**
   * Runs {@code action} once {@link #next} may have bytes or the tail finished: at once if so
   * already, else on the writer's thread, which it must not block. Replaces an earlier action.
   */
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
  }
}
