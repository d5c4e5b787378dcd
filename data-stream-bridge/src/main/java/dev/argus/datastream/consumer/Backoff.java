package dev.argus.datastream.consumer;

import java.time.Duration;

/**
 * Exponential backoff for throttled reads: {@value #BASE_MILLIS} ms, doubling per consecutive
 * failure, capped at a maximum; {@link #reset()} after a success. Not thread-safe: one per fetcher.
 */
final class Backoff {

  static final long BASE_MILLIS = 50;

  private final long maxMillis;
  private int failures;

  Backoff(Duration max) {
    this.maxMillis = max.toMillis();
  }

  /** The pause before the next try, counting this failure. */
  long nextMillis() {
    long pause = BASE_MILLIS << Math.min(failures, 20);
    failures++;
    return Math.min(pause, maxMillis);
  }

  void reset() {
    failures = 0;
  }
}
