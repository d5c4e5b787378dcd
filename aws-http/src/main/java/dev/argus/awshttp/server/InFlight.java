package dev.argus.awshttp.server;

import java.time.Duration;

/**
 * Counts unary requests between their head arriving and their response being written, so that
 * shutdown can wait for them. Thread-safe.
 */
final class InFlight {

  private int count;

  synchronized void begin() {
    count++;
  }

  synchronized void end() {
    count--;
    if (count == 0) {
      notifyAll();
    }
  }

  synchronized int count() {
    return count;
  }

  /** Waits until none are in flight or the grace runs out; returns how many are left. */
  synchronized int awaitIdle(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return count;
  }
}
