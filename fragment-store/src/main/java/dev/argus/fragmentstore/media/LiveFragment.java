package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.MetadataTag;
import dev.argus.fragmentstore.fragment.StreamHeader;
import dev.argus.parser.ebml.Vint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One fragment while PutMedia receives it, for readers at the live edge ({@link LiveFeeds}).
 *
 * <p>Content: an append-only list of pieces, each a run of the Cluster's data bytes (its
 * Timecode and blocks, as the producer sent them, see {@link IngestEvent.FrameArrived}). A piece is
 * added as soon as a block is parsed and checked; on completion a last piece (whatever followed
 * the last block) is added, so that the pieces concatenated are exactly the stored cluster's data.
 * A reader writes them inside a Cluster of unknown size ({@link MkvChunks#liveHead}).
 *
 * <p>Lifecycle: {@link State#OPEN} → {@link State#COMPLETE} (stored under {@link #number()}) or
 * {@link State#FAILED} (the fragment was refused, the producer went away, or storing failed:
 * never stored, its number never used by another fragment). Nothing changes after either end.
 *
 * <p>Memory: the pieces, at most one fragment ({@code StoreConfig.MAX_FRAGMENT_BYTES}). The feed
 * drops its reference once the fragment ends; a reader still writing it keeps it until it is done.
 *
 * <p>Thread-safe: one writer (the PutMedia connection and its store lane) changes it; readers on
 * any thread take {@linkplain #view views}. Waiters run on the writer's thread, never under the lock.
 */
public final class LiveFragment {
  /** Bytes before a stored cluster's data: its 4-byte ID and 8-byte size. */
  static final int CLUSTER_HEADER_BYTES = 4 + Vint.MAX_SIZE_LENGTH;

  /** Where the fragment is in its life. */
  public enum State { OPEN, COMPLETE, FAILED }

  /**
   * What a reader sees from one piece on.
   *
   * @param pieces the pieces from the asked index, in order (shared: never write into them)
   * @param state the state when they were taken: when not OPEN, no piece will follow these
   * @param stored the stored fragment's metadata, when COMPLETE
   * @param completedMillis server time of completion, when COMPLETE
   * @param error why it failed, when FAILED
   */
  public record View(List<byte[]> pieces, State state, FragmentMeta stored, long completedMillis,
      AckErrorCode error) {
    public View {
      pieces = List.copyOf(pieces);
      Objects.requireNonNull(state, "state");
    }
  }

  private final StreamHeader header;
  private final long producerMillis;
  private final List<MetadataTag> metadata;
  /** Set once, by the store lane, before the feed shows the fragment. */
  private volatile FragmentNumber number;
  /** Guarded by this. */
  private final List<byte[]> pieces = new ArrayList<>();
  /** Data bytes in {@link #pieces}; guarded by this. */
  private long bytes;
  private State state = State.OPEN;
  private FragmentMeta stored;
  private long completedMillis;
  private AckErrorCode error;
  /** One-shot actions waiting for a change; guarded by this. */
  private List<Runnable> waiters = new ArrayList<>();

  /**
   * @param header the stream header the fragment's tracks refer to
   * @param producerMillis the fragment's absolute producer timestamp
   * @param metadata the fragment's metadata tags (known when it starts: they precede its Cluster)
   */
  LiveFragment(StreamHeader header, long producerMillis, List<MetadataTag> metadata) {
    this.header = Objects.requireNonNull(header, "header");
    this.producerMillis = producerMillis;
    this.metadata = List.copyOf(metadata);
  }

  /** A fragment without metadata tags. */
  LiveFragment(StreamHeader header, long producerMillis) {
    this(header, producerMillis, List.of());
  }

  public StreamHeader header() {
    return header;
  }

  public long producerMillis() {
    return producerMillis;
  }

  /** The producer's fragment metadata tags, as they will be stored. */
  public List<MetadataTag> metadata() {
    return metadata;
  }

  /** The number the fragment is stored under once complete; null until the lane reserved it. */
  public FragmentNumber number() {
    return number;
  }

  void assign(FragmentNumber reserved) {
    this.number = Objects.requireNonNull(reserved, "reserved");
  }

  /** Adds a piece; ignored once the fragment ended. */
  void append(byte[] piece) {
    List<Runnable> ready;
    synchronized (this) {
      if (state != State.OPEN) {
        return;
      }
      pieces.add(piece);
      bytes += piece.length;
      ready = takeWaiters();
    }
    ready.forEach(Runnable::run);
  }

  /**
   * Completes the fragment once stored: the stored cluster's data after the pieces so far becomes
   * the last piece.
   *
   * @param cluster the stored cluster (known size, {@link #CLUSTER_HEADER_BYTES} of header)
   */
  void complete(FragmentMeta meta, byte[] cluster, long nowMillis) {
    List<Runnable> ready;
    synchronized (this) {
      if (state != State.OPEN) {
        return;
      }
      int from = (int) (CLUSTER_HEADER_BYTES + bytes);
      if (from < cluster.length) {
        pieces.add(Arrays.copyOfRange(cluster, from, cluster.length));
      }
      state = State.COMPLETE;
      stored = meta;
      completedMillis = nowMillis;
      ready = takeWaiters();
    }
    ready.forEach(Runnable::run);
  }

  /** Fails the fragment unless it already ended. */
  void fail(AckErrorCode code) {
    List<Runnable> ready;
    synchronized (this) {
      if (state != State.OPEN) {
        return;
      }
      state = State.FAILED;
      error = Objects.requireNonNull(code, "code");
      pieces.clear();
      ready = takeWaiters();
    }
    ready.forEach(Runnable::run);
  }

  public synchronized State state() {
    return state;
  }

  /** The pieces from {@code index} on and the state, taken together. */
  public synchronized View view(int index) {
    List<byte[]> from = index < pieces.size() ? pieces.subList(index, pieces.size()) : List.of();
    return new View(from, state, stored, completedMillis, error);
  }

  /**
   * Runs {@code action} once there is a piece at or past {@code index} or the fragment ended: at
   * once on this thread if so already, else on the writer's thread, which it must not block.
   */
  public void whenChanged(int index, Runnable action) {
    synchronized (this) {
      if (index >= pieces.size() && state == State.OPEN) {
        waiters.add(action);
        return;
      }
    }
    action.run();
  }

  private List<Runnable> takeWaiters() {
    List<Runnable> ready = waiters;
    waiters = new ArrayList<>();
    return ready;
  }
}
