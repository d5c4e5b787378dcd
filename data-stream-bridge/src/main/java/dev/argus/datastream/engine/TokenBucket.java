package dev.argus.datastream.engine;

/**
 * A token bucket: holds up to {@code capacity} tokens and refills at {@code ratePerSecond},
 * continuously, from the times the caller passes in. Pure arithmetic over the caller's clock.
 *
 * <p>Not thread-safe: the owner serialises calls.
 */
final class TokenBucket {

  private final double capacity;
  private final double ratePerMilli;
  /** Tokens available at {@link #lastMillis}; may be negative after {@link #charge}. */
  private double tokens;
  private long lastMillis;

  /** A full bucket at {@code nowMillis}. */
  TokenBucket(double ratePerSecond, double capacity, long nowMillis) {
    if (ratePerSecond <= 0 || capacity <= 0) {
      throw new IllegalArgumentException("rate and capacity must be positive");
    }
    this.capacity = capacity;
    this.ratePerMilli = ratePerSecond / 1000.0;
    this.tokens = capacity;
    this.lastMillis = nowMillis;
  }

  private void refill(long nowMillis) {
    if (nowMillis > lastMillis) {
      tokens = Math.min(capacity, tokens + (nowMillis - lastMillis) * ratePerMilli);
      lastMillis = nowMillis;
    }
  }

  /** Whether {@code amount} tokens are there now; takes nothing. */
  boolean has(long nowMillis, double amount) {
    refill(nowMillis);
    return tokens >= amount;
  }

  /** Takes {@code amount} tokens if there are that many; false and nothing taken otherwise. */
  boolean tryTake(long nowMillis, double amount) {
    if (!has(nowMillis, amount)) {
      return false;
    }
    tokens -= amount;
    return true;
  }

  /** Takes {@code amount} tokens even if that leaves the bucket in debt (a read larger than the budget). */
  void charge(long nowMillis, double amount) {
    refill(nowMillis);
    tokens -= amount;
  }

  /** Tokens now (for tests). */
  double available(long nowMillis) {
    refill(nowMillis);
    return tokens;
  }
}
