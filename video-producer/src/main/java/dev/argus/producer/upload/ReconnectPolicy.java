package dev.argus.producer.upload;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * When a PutMedia connection is replaced, and how long to wait before the next one.
 *
 * <ul>
 *   <li>Backoff after the n-th consecutive failure (n &ge; 1): uniformly random in
 *       {@code [d/2, d]} with {@code d = min(maxBackoff, initialBackoff * 2^(n-1))} ("equal jitter"),
 *       so many producers cut off together do not reconnect in lockstep.
 *   <li>A connection is stale when fragments were sent on it and no acknowledgement of any kind
 *       (IDLE included) arrived for {@code staleAfter}.
 *   <li>A connection is rotated (ended gracefully, then replaced) once it is {@code maxAge} old,
 *       before the server's own limit ends it (KVS ErrorId 4003).
 *   <li>After {@code maxConsecutiveFailures} failures in a row without a PERSISTED ack in between,
 *       the upload gives up.
 * </ul>
 */
public record ReconnectPolicy(Duration initialBackoff, Duration maxBackoff, Duration staleAfter,
    Duration maxAge, int maxConsecutiveFailures) {

  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  /** The KVS producer SDKs' default connection staleness. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(20);
  /** Well under the hour-scale limit a server puts on one PutMedia session. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(40);
  /** About five minutes of retrying at the maximum backoff. */
  public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 40;

  public ReconnectPolicy {
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
    if (staleAfter.isZero() || staleAfter.isNegative() || maxAge.isZero() || maxAge.isNegative()) {
      throw new IllegalArgumentException("staleAfter and maxAge must be positive");
    }
    if (maxConsecutiveFailures < 1) {
      throw new IllegalArgumentException("maxConsecutiveFailures must be positive");
    }
  }

  public static ReconnectPolicy defaults() {
    return new ReconnectPolicy(DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_STALE_AFTER,
        DEFAULT_MAX_AGE, DEFAULT_MAX_CONSECUTIVE_FAILURES);
  }

  public ReconnectPolicy withStaleAfter(Duration value) {
    return new ReconnectPolicy(initialBackoff, maxBackoff, value, maxAge, maxConsecutiveFailures);
  }

  public ReconnectPolicy withMaxAge(Duration value) {
    return new ReconnectPolicy(initialBackoff, maxBackoff, staleAfter, value, maxConsecutiveFailures);
  }

  public ReconnectPolicy withBackoff(Duration initial, Duration max) {
    return new ReconnectPolicy(initial, max, staleAfter, maxAge, maxConsecutiveFailures);
  }

  public ReconnectPolicy withMaxConsecutiveFailures(int value) {
    return new ReconnectPolicy(initialBackoff, maxBackoff, staleAfter, maxAge, value);
  }

  /** The wait before reconnecting after the {@code failures}-th consecutive failure. */
  public Duration backoff(int failures, Random random) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be positive: " + failures);
    }
    long initial = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    long ceiling = failures > 62 ? cap : Math.min(cap, initial << Math.min(failures - 1, 40));
    if (ceiling < 0) {
      ceiling = cap;
    }
    long floor = ceiling / 2;
    return Duration.ofMillis(floor + (ceiling > floor ? (long) (random.nextDouble() * (ceiling - floor + 1)) : 0));
  }

  /** Whether a connection with sent, un-acknowledged data and its last ack at {@code lastAck} is stale. */
  public boolean isStale(Instant lastAck, Instant now, boolean awaitingAcks) {
    return awaitingAcks && Duration.between(lastAck, now).compareTo(staleAfter) >= 0;
  }

  /** Whether a connection opened at {@code openedAt} should be rotated now. */
  public boolean shouldRotate(Instant openedAt, Instant now) {
    return Duration.between(openedAt, now).compareTo(maxAge) >= 0;
  }

  /** Whether {@code failures} consecutive failures mean giving up. */
  public boolean exhausted(int failures) {
    return failures >= maxConsecutiveFailures;
  }
}
