package dev.argus.producer.buffer;

import java.time.Duration;

/**
 * Bounds of a {@link ContentBuffer}: the bytes of un-persisted clusters it holds, and the span of
 * producer time from its oldest fragment's start to its newest fragment's end.
 */
public record BufferLimits(long maxBytes, Duration maxDuration) {

  /** Default byte bound: 64 MiB, about 4 minutes of a 2 Mbit/s camera. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;
  /** Default time bound: 120 s, as the KVS producer SDKs default their buffer duration. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(120);

  public BufferLimits {
    if (maxBytes <= 0 || maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("limits must be positive: " + maxBytes + ", " + maxDuration);
    }
  }

  public static BufferLimits defaults() {
    return new BufferLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_DURATION);
  }
}
