package dev.argus.producer.buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The producer's content buffer: every fragment not yet PERSISTED, in order, with a send cursor
 * that hands them out piece by piece.
 *
 * <p>A fragment enters whole ({@link #offer}: one piece, a Cluster of known size) or streamed
 * ({@link #open} with the start of a Cluster of unknown size, then one {@link #append} per frame, then
 * {@link #complete}). A streamed fragment in progress is held, counted against the bounds and sent
 * like any other; its pieces go out as they are appended.
 *
 * <p>Contract:
 * <ul>
 *   <li>Fragments come in increasing timecode order; at most one is in progress, the newest.
 *   <li>{@link #takePiece} hands out pieces from the cursor on, in order, each once per cursor pass;
 *       it waits at the end of a fragment in progress for its next piece.
 *   <li>{@link #persisted} trims every complete fragment with a timecode at or before the
 *       acknowledged one (acks on one connection come in order, so earlier ones are durable too),
 *       except fragments {@link #markForResend marked} by a retriable ERROR ack.
 *   <li>{@link #rewind} moves the cursor back to the start of the first un-persisted fragment: a new
 *       connection resends everything not known durable, a fragment in progress from its start.
 *   <li>Bounds: after an offer, open or append the buffer holds at most {@link BufferLimits#maxBytes()}
 *       bytes and spans at most {@link BufferLimits#maxDuration()}. To get there it drops the oldest
 *       fragment not yet started on the wire, or if all were, the oldest un-persisted one; each drop
 *       is returned. A dropped fragment in progress takes no more appends.
 *   <li>The server sees a streamed fragment end only when the next fragment's first piece or the end
 *       of the body arrives ({@link #bodyEnded}); only then does it count as awaiting acks.
 * </ul>
 *
 * <p>Thread-safe: a source thread offers and appends, a connection's threads take and acknowledge;
 * all methods synchronize on the buffer, and {@link #takePiece} waits on it.
 */
public final class ContentBuffer {

  /** A fragment removed before it was known durable. */
  public record Dropped(EncodedFragment fragment, boolean wasSent) {}

  /**
   * Bytes to write, from fragment {@code sequence} (Cluster timecode {@code timecodeMillis});
   * {@code opensFragment} for its first piece. The array is shared and must not be changed.
   */
  public record Piece(long sequence, long timecodeMillis, boolean opensFragment, byte[] bytes) {}

  private final BufferLimits limits;
  /** Un-persisted fragments, oldest first; timecodes strictly increase; only the last may be in progress. */
  private final ArrayDeque<HeldFragment> fragments = new ArrayDeque<>();
  /** Sequence of the fragment {@link #takePiece} hands out from; fragments below it were sent whole. */
  private long cursor;
  /** Pieces of the fragment at {@link #cursor} already handed out on this pass. */
  private int cursorPiece;
  /** Fragments below this sequence were sent and their end is visible to the server. */
  private long endedBelow;
  private long bytes;
  /** Timecodes of fragments a retriable ERROR ack failed since the last rewind. */
  private final Set<Long> resend = new HashSet<>();
  private boolean closed;

  public ContentBuffer(BufferLimits limits) {
    this.limits = limits;
  }

  /** Appends a complete fragment (a Cluster of known size); returns what had to be dropped. */
  public synchronized List<Dropped> offer(EncodedFragment fragment) {
    HeldFragment entry = new HeldFragment(fragment.sequence(), fragment.timecodeMillis(), true);
    entry.add(fragment.cluster(), fragment.endMillis(), fragment.frameCount());
    entry.complete = true;
    return insert(entry);
  }

  /**
   * Starts a streamed fragment with {@code head}, the start of its Cluster of unknown size; returns
   * what had to be dropped. A fragment in progress must be {@link #complete completed} first.
   */
  public synchronized List<Dropped> open(long sequence, long timecodeMillis, byte[] head) {
    HeldFragment entry = new HeldFragment(sequence, timecodeMillis, false);
    entry.add(head, timecodeMillis, 0);
    return insert(entry);
  }

  /**
   * Adds one frame's bytes to the streamed fragment {@code sequence}, presented up to {@code endMillis};
   * returns what had to be dropped. Ignored (returns nothing) when that fragment is no longer held:
   * dropped, rejected or persisted.
   */
  public synchronized List<Dropped> append(long sequence, byte[] block, long endMillis) {
    HeldFragment last = fragments.peekLast();
    if (last == null || last.sequence != sequence || last.complete) {
      return List.of();
    }
    last.add(block, endMillis, 1);
    bytes += block.length;
    List<Dropped> dropped = enforceBounds();
    notifyAll();
    return dropped;
  }

  /** Ends the streamed fragment {@code sequence}: no more appends. Ignored when it is not held. */
  public synchronized void complete(long sequence) {
    HeldFragment last = fragments.peekLast();
    if (last != null && last.sequence == sequence) {
      last.complete = true;
      notifyAll();
    }
  }

  private List<Dropped> insert(HeldFragment entry) {
    if (closed) {
      throw new IllegalStateException("buffer closed for input");
    }
    HeldFragment last = fragments.peekLast();
    if (last != null && entry.timecodeMillis <= last.timecodeMillis) {
      throw new IllegalArgumentException("timecodes must increase: " + entry.timecodeMillis + " after " + last.timecodeMillis);
    }
    if (last != null && !last.complete) {
      throw new IllegalStateException("fragment " + last.sequence + " is still in progress");
    }
    List<Dropped> dropped = new ArrayList<>(0);
    if (entry.bytes > limits.maxBytes()) {
      dropped.add(new Dropped(entry.encoded(), false));
      return dropped;
    }
    if (fragments.isEmpty() && entry.sequence > cursor) {
      cursor = entry.sequence;
      cursorPiece = 0;
    }
    fragments.addLast(entry);
    bytes += entry.bytes;
    dropped.addAll(enforceBounds());
    notifyAll();
    return dropped;
  }

  private List<Dropped> enforceBounds() {
    List<Dropped> dropped = new ArrayList<>(0);
    while (bytes > limits.maxBytes() || durationMillis() > limits.maxDuration().toMillis()) {
      dropped.add(evictOne());
    }
    return dropped;
  }

  /**
   * The next piece to send, advancing the cursor; waits up to {@code timeout} for one. Empty when none
   * came in time, when the buffer is closed and everything was sent, or, with {@code withinFragment},
   * when the next piece would start a new fragment (the caller wants to stop at a fragment boundary).
   */
  public synchronized Optional<Piece> takePiece(Duration timeout, boolean withinFragment) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Piece> piece = nextPiece(withinFragment);
      long left = deadline - System.nanoTime();
      if (piece.isPresent() || closed || left <= 0 || (withinFragment && atBoundary())) {
        return piece;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  private Optional<Piece> nextPiece(boolean withinFragment) {
    for (HeldFragment f : fragments) {
      if (f.sequence < cursor) {
        continue;
      }
      if (f.sequence > cursor) {
        if (withinFragment) {
          return Optional.empty();
        }
        cursor = f.sequence;
        cursorPiece = 0;
      }
      if (cursorPiece < f.pieces.size()) {
        if (cursorPiece == 0) {
          endedBelow = Math.max(endedBelow, f.sequence); // a new Cluster ends every earlier one
        }
        Piece piece = new Piece(f.sequence, f.timecodeMillis, cursorPiece == 0, f.pieces.get(cursorPiece++));
        if (f.complete && cursorPiece == f.pieces.size()) {
          cursor = f.sequence + 1;
          cursorPiece = 0;
          if (f.sized) {
            endedBelow = Math.max(endedBelow, cursor); // a Cluster of known size ends with its bytes
          }
        }
        return Optional.of(piece);
      }
      if (!f.complete) {
        return Optional.empty(); // wait for the fragment in progress to grow
      }
      if (withinFragment) {
        return Optional.empty();
      }
      cursor = f.sequence + 1;
      cursorPiece = 0;
    }
    return Optional.empty();
  }

  /**
   * Whether the cursor sits between fragments: nothing of a fragment is half sent, so the body can end
   * here and the next connection start a fresh Cluster.
   */
  public synchronized boolean atBoundary() {
    for (HeldFragment f : fragments) {
      if (f.sequence == cursor) {
        return cursorPiece == 0 || (f.complete && cursorPiece == f.pieces.size());
      }
    }
    return true;
  }

  /**
   * The body of the current connection ended after what was sent: the server sees the end of every
   * fragment sent in full, so their acks are now awaited.
   */
  public synchronized void bodyEnded() {
    long ended = cursor;
    for (HeldFragment f : fragments) {
      if (f.sequence == cursor && f.complete && cursorPiece == f.pieces.size()) {
        ended = cursor + 1;
      }
    }
    endedBelow = Math.max(endedBelow, ended);
  }

  /**
   * Trims every complete fragment with timecode at or before {@code timecodeMillis}, except those
   * {@link #markForResend marked for resend}; returns them.
   */
  public synchronized List<EncodedFragment> persisted(long timecodeMillis) {
    List<EncodedFragment> trimmed = new ArrayList<>();
    for (Iterator<HeldFragment> it = fragments.iterator(); it.hasNext(); ) {
      HeldFragment f = it.next();
      if (f.timecodeMillis > timecodeMillis || !f.complete) {
        break;
      }
      if (!resend.contains(f.timecodeMillis)) {
        it.remove();
        bytes -= f.bytes;
        trimmed.add(f.encoded());
      }
    }
    if (!trimmed.isEmpty()) {
      notifyAll();
    }
    return trimmed;
  }

  /** Removes the fragment with this timecode (the server refused it for good); empty if not held. */
  public synchronized Optional<EncodedFragment> reject(long timecodeMillis) {
    for (Iterator<HeldFragment> it = fragments.iterator(); it.hasNext(); ) {
      HeldFragment f = it.next();
      if (f.timecodeMillis == timecodeMillis) {
        it.remove();
        bytes -= f.bytes;
        notifyAll();
        return Optional.of(f.encoded());
      }
    }
    return Optional.empty();
  }

  /**
   * Marks the fragment with this timecode as failed on the current connection (a retriable ERROR
   * ack): later PERSISTED acks do not trim it, so {@link #rewind} resends it. Cleared by rewind.
   */
  public synchronized void markForResend(long timecodeMillis) {
    resend.add(timecodeMillis);
  }

  /**
   * Moves the cursor back to the start of the first un-persisted fragment; returns how many fragments
   * (whole or begun) will be resent.
   */
  public synchronized int rewind() {
    resend.clear();
    HeldFragment first = fragments.peekFirst();
    int count = 0;
    if (first != null) {
      for (HeldFragment f : fragments) {
        count += f.sequence < cursor || (f.sequence == cursor && cursorPiece > 0) ? 1 : 0;
      }
      cursor = first.sequence;
    }
    cursorPiece = 0;
    endedBelow = cursor;
    notifyAll();
    return count;
  }

  /**
   * Waits until {@code fragment} fits without dropping anything (or the buffer is empty), up to
   * {@code timeout}; returns whether it fits. Recorded sources use this to slow down to the
   * network's pace instead of dropping.
   */
  public boolean awaitSpace(EncodedFragment fragment, Duration timeout) throws InterruptedException {
    return awaitSpace(fragment.size(), fragment.endMillis(), timeout);
  }

  /**
   * Waits until {@code size} more bytes, presented up to {@code endMillis}, fit without dropping
   * anything (or the buffer is empty), up to {@code timeout}; returns whether they fit. A streamed
   * fragment's frames wait here: earlier fragments' PERSISTED acks make room (the fragment in
   * progress itself is only acknowledged after it ends).
   */
  public synchronized boolean awaitSpace(long size, long endMillis, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!fits(size, endMillis)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private boolean fits(long size, long endMillis) {
    if (fragments.isEmpty()) {
      return true;
    }
    long span = Math.max(endMillis, fragments.peekLast().endMillis) - fragments.peekFirst().timecodeMillis;
    return bytes + size <= limits.maxBytes() && span <= limits.maxDuration().toMillis();
  }

  /** No more fragments will be offered or appended; a fragment in progress is complete. */
  public synchronized void close() {
    closed = true;
    HeldFragment last = fragments.peekLast();
    if (last != null) {
      last.complete = true;
    }
    notifyAll();
  }

  /** True once closed and every fragment was persisted, rejected or dropped. */
  public synchronized boolean drained() {
    return closed && fragments.isEmpty();
  }

  /**
   * True once closed, every held fragment was sent in full on the current pass, and the server can
   * only see the last one end when the body ends (it is a streamed Cluster of unknown size).
   */
  public synchronized boolean needsBodyEnd() {
    if (!closed || fragments.isEmpty()) {
      return false;
    }
    for (HeldFragment f : fragments) {
      if (f.sequence > cursor || (f.sequence == cursor && cursorPiece < f.pieces.size())) {
        return false;
      }
    }
    return fragments.peekLast().sequence >= endedBelow;
  }

  /** Waits until {@link #drained()} or the timeout; returns whether drained. */
  public synchronized boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!drained()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /**
   * Whether some fragment was sent in full on the current pass, its end is visible to the server, and
   * it is not yet persisted: acks for it are due.
   */
  public synchronized boolean awaitingAcks() {
    HeldFragment first = fragments.peekFirst();
    return first != null && first.sequence < endedBelow;
  }

  /** Whether anything of a held fragment was sent on the current pass (whole or begun). */
  public synchronized boolean sentUnpersisted() {
    HeldFragment first = fragments.peekFirst();
    return first != null && (first.sequence < cursor || (first.sequence == cursor && cursorPiece > 0));
  }

  public synchronized long bytes() {
    return bytes;
  }

  public synchronized int size() {
    return fragments.size();
  }

  /** From the oldest fragment's timecode to the newest fragment's end, in ms; 0 when empty. */
  public synchronized long durationMillis() {
    return fragments.isEmpty() ? 0 : fragments.peekLast().endMillis - fragments.peekFirst().timecodeMillis;
  }

  /** The held fragments, oldest first, as sent so far (a copy). */
  public synchronized List<EncodedFragment> snapshot() {
    return fragments.stream().map(HeldFragment::encoded).toList();
  }

  private Dropped evictOne() {
    HeldFragment victim = null;
    for (HeldFragment f : fragments) {
      if (f.sequence > cursor || (f.sequence == cursor && cursorPiece == 0)) {
        victim = f;
        break;
      }
    }
    boolean wasSent = victim == null;
    if (victim == null) {
      victim = fragments.peekFirst();
    }
    fragments.remove(victim);
    bytes -= victim.bytes;
    if (victim.sequence == cursor) {
      cursorPiece = 0;
      cursor++;
    }
    return new Dropped(victim.encoded(), wasSent);
  }
}
