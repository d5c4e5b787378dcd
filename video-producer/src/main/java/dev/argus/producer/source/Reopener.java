package dev.argus.producer.source;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reopen loop a live source runs when its grabber fails or ends: close the grabber, then after
 * every {@link SourceOptions#reconnectDelay()} try to open a fresh one, until one opens or the
 * source is closed. A failed attempt is logged and retried: there is no attempt limit, since a
 * camera may come back at any time.
 *
 * <p>Closing and opening run while holding the source's lock, which also guards its reads and its
 * {@code close()}; the waits do not, so a {@code close()} from another thread is never held up
 * for longer than one open attempt. Stateless apart from what it is given; one per source, used
 * from the source's reading thread.
 */
final class Reopener {

  private static final Logger LOG = LoggerFactory.getLogger(Reopener.class);

  /** One step on the source's grabber, run under its lock. */
  interface Step {
    void run() throws SourceException;
  }

  private final Object lock;
  private final BooleanSupplier closed;
  private final Duration delay;
  private final String what;

  /**
   * @param lock   the source's lock
   * @param closed whether the source has been closed (it is read before every attempt)
   * @param delay  the wait before each attempt
   * @param what   the source, as log lines name it
   */
  Reopener(Object lock, BooleanSupplier closed, Duration delay, String what) {
    this.lock = Objects.requireNonNull(lock, "lock");
    this.closed = Objects.requireNonNull(closed, "closed");
    this.delay = Objects.requireNonNull(delay, "delay");
    this.what = Objects.requireNonNull(what, "what");
  }

  /**
   * Runs {@code closeOld} once, then {@code open} after each delay until it succeeds.
   *
   * @return true once {@code open} succeeded; false when the source was closed first
   * @throws SourceException when the thread is interrupted while waiting (its flag is set again)
   */
  boolean reopen(Runnable closeOld, Step open) throws SourceException {
    synchronized (lock) {
      closeOld.run();
    }
    while (!closed.getAsBoolean()) {
      try {
        Thread.sleep(delay.toMillis());
        synchronized (lock) {
          if (closed.getAsBoolean()) {
            return false;
          }
          open.run();
        }
        LOG.info("{}: reopened", what);
        return true;
      } catch (SourceException e) {
        LOG.warn("{}: still unavailable: {}", what, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceException(what + ": interrupted while reconnecting", e);
      }
    }
    return false;
  }
}
