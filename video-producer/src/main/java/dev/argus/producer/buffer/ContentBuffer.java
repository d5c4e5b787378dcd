package dev.argus.producer.buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The producer's content buffer: every fragment not yet PERSISTED, in order, with a send cursor.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #offer} appends; fragments must come in increasing timecode order.
 *   <li>{@link #takeNext} hands out fragments from the cursor on, in order, each once per cursor pass.
 *   <li>{@link #persisted} trims every fragment with a timecode at or before the acknowledged one
 *       (acks on one connection come in order, so earlier ones are durable too), except fragments
 *       {@link #markForResend marked} by a retriable ERROR ack.
 *   <li>{@link #rewind} moves the cursor back to the first un-persisted fragment: a new connection
 *       resends everything not known durable.
 *   <li>Bounds: after an offer the buffer holds at most {@link BufferLimits#maxBytes()} bytes and spans
 *       at most {@link BufferLimits#maxDuration()}. To get there it drops the oldest fragment not yet
 *       sent, or if all were sent, the oldest un-persisted one; each drop is returned to the caller.
 *       A fragment larger than the byte bound on its own is dropped at once.
 * </ul>
 *
 * <p>Thread-safe: a source thread offers, a connection's threads take and acknowledge; all methods
 * synchronize on the buffer, and {@link #takeNext} waits on it.
 */
public final class ContentBuffer {

  /** A fragment removed before it was known durable. */
  public record Dropped(EncodedFragment fragment, boolean wasSent) {}

  private final BufferLimits limits;
  /** Un-persisted fragments, oldest first; timecodes strictly increase. */
  private final ArrayDeque<EncodedFragment> fragments = new ArrayDeque<>();
  /** Sequence of the next fragment {@link #takeNext} returns; fragments below it were sent. */
  private long cursor;
  private long bytes;
  /** Timecodes of fragments a retriable ERROR ack failed since the last rewind. */
  private final java.util.Set<Long> resend = new java.util.HashSet<>();
  private boolean closed;

  public ContentBuffer(BufferLimits limits) {
    this.limits = limits;
  }

  /** Appends a fragment; returns what had to be dropped to stay within the limits. */
  public synchronized List<Dropped> offer(EncodedFragment fragment) {
    if (closed) {
      throw new IllegalStateException("buffer closed for input");
    }
    EncodedFragment last = fragments.peekLast();
    if (last != null && fragment.timecodeMillis() <= last.timecodeMillis()) {
      throw new IllegalArgumentException("timecodes must increase: " + fragment + " after " + last);
    }
    List<Dropped> dropped = new ArrayList<>(0);
    if (fragment.size() > limits.maxBytes()) {
      dropped.add(new Dropped(fragment, false));
      return dropped;
    }
    if (fragments.isEmpty()) {
      cursor = Math.max(cursor, fragment.sequence());
    }
    fragments.addLast(fragment);
    bytes += fragment.size();
    while (bytes > limits.maxBytes() || durationMillis() > limits.maxDuration().toMillis()) {
      dropped.add(evictOne());
    }
    notifyAll();
    return dropped;
  }

  /**
   * The next fragment to send, advancing the cursor; waits up to {@code timeout} for one. Empty when
   * none came in time, or when the buffer is closed and everything was sent.
   */
  public synchronized Optional<EncodedFragment> takeNext(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (EncodedFragment f : fragments) {
        if (f.sequence() >= cursor) {
          cursor = f.sequence() + 1;
          return Optional.of(f);
        }
      }
      long left = deadline - System.nanoTime();
      if (closed || left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /**
   * Trims every fragment with timecode at or before {@code timecodeMillis}, except those
   * {@link #markForResend marked for resend}; returns them.
   */
  public synchronized List<EncodedFragment> persisted(long timecodeMillis) {
    List<EncodedFragment> trimmed = new ArrayList<>();
    for (Iterator<EncodedFragment> it = fragments.iterator(); it.hasNext(); ) {
      EncodedFragment f = it.next();
      if (f.timecodeMillis() > timecodeMillis) {
        break;
      }
      if (!resend.contains(f.timecodeMillis())) {
        it.remove();
        bytes -= f.size();
        trimmed.add(f);
      }
    }
    if (!trimmed.isEmpty()) {
      notifyAll();
    }
    return trimmed;
  }

  /** Removes the fragment with this timecode (the server refused it for good); empty if not held. */
  public synchronized Optional<EncodedFragment> reject(long timecodeMillis) {
    for (Iterator<EncodedFragment> it = fragments.iterator(); it.hasNext(); ) {
      EncodedFragment f = it.next();
      if (f.timecodeMillis() == timecodeMillis) {
        it.remove();
        bytes -= f.size();
        notifyAll();
        return Optional.of(f);
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

  /** Moves the cursor back to the first un-persisted fragment; returns how many will be resent. */
  public synchronized int rewind() {
    resend.clear();
    EncodedFragment first = fragments.peekFirst();
    int resend = 0;
    if (first != null) {
      for (EncodedFragment f : fragments) {
        resend += f.sequence() < cursor ? 1 : 0;
      }
      cursor = first.sequence();
    }
    notifyAll();
    return resend;
  }

  /**
   * Waits until {@code fragment} fits without dropping anything (or the buffer is empty), up to
   * {@code timeout}; returns whether it fits. Recorded sources use this to slow down to the
   * network's pace instead of dropping.
   */
  public synchronized boolean awaitSpace(EncodedFragment fragment, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!fits(fragment)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private boolean fits(EncodedFragment fragment) {
    if (fragments.isEmpty()) {
      return true;
    }
    long span = fragment.endMillis() - fragments.peekFirst().timecodeMillis();
    return bytes + fragment.size() <= limits.maxBytes() && span <= limits.maxDuration().toMillis();
  }

  /** No more fragments will be offered. */
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** True once closed and every fragment was persisted, rejected or dropped. */
  public synchronized boolean drained() {
    return closed && fragments.isEmpty();
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

  /** Whether some fragment was sent on the current pass and is not yet persisted. */
  public synchronized boolean awaitingAcks() {
    EncodedFragment first = fragments.peekFirst();
    return first != null && first.sequence() < cursor;
  }

  public synchronized long bytes() {
    return bytes;
  }

  public synchronized int size() {
    return fragments.size();
  }

  /** From the oldest fragment's timecode to the newest fragment's end, in ms; 0 when empty. */
  public synchronized long durationMillis() {
    return fragments.isEmpty() ? 0 : fragments.peekLast().endMillis() - fragments.peekFirst().timecodeMillis();
  }

  /** The held fragments, oldest first (a copy). */
  public synchronized List<EncodedFragment> snapshot() {
    return List.copyOf(fragments);
  }

  private Dropped evictOne() {
    EncodedFragment victim = null;
    for (EncodedFragment f : fragments) {
      if (f.sequence() >= cursor) {
        victim = f;
        break;
      }
    }
    boolean wasSent = victim == null;
    if (victim == null) {
      victim = fragments.peekFirst();
    }
    fragments.remove(victim);
    bytes -= victim.size();
    return new Dropped(victim, wasSent);
  }
}
