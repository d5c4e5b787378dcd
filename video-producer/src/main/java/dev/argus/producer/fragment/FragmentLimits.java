package dev.argus.producer.fragment;

import java.time.Duration;

/**
 * How the {@link Fragmenter} cuts fragments.
 *
 * <p>A fragment is closed at the first eligible key frame once it spans at least
 * {@code target - target/10} (a key frame a little early still cuts, so a 2 s GOP gives 2 s
 * fragments even when its key frames land at 1.999 s). It never spans {@code maxDuration} or more and
 * never holds more than {@code maxBytes} of payload: a frame that would break either limit is
 * dropped, with every frame after it until the next key frame.
 *
 * @param target the fragment duration to aim for
 * @param maxDuration the hard limit on a fragment's span (KVS: 10 s)
 * @param maxBytes the hard limit on a fragment's payload (KVS: 50 MB)
 */
public record FragmentLimits(Duration target, Duration maxDuration, long maxBytes) {

  /** The default target fragment duration: 2 s. */
  public static final Duration DEFAULT_TARGET = Duration.ofSeconds(2);
  /** KVS refuses fragments of 10 s or more (ErrorId 4002). */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(10);
  /** KVS refuses fragments over 50 MB (ErrorId 4001). */
  public static final long DEFAULT_MAX_BYTES = 50L * 1000 * 1000;

  public FragmentLimits {
    if (target.isNegative() || target.isZero() || maxDuration.compareTo(target) < 0) {
      throw new IllegalArgumentException("need 0 < target <= maxDuration: " + target + ", " + maxDuration);
    }
    if (maxDuration.toMillis() > Short.MAX_VALUE) {
      throw new IllegalArgumentException("maxDuration must fit a SimpleBlock's 16-bit relative timecode");
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
  }

  /** The KVS limits with the given target. */
  public static FragmentLimits withTarget(Duration target) {
    return new FragmentLimits(target, DEFAULT_MAX_DURATION, DEFAULT_MAX_BYTES);
  }

  /** The defaults: 2 s target, 10 s, 50 MB. */
  public static FragmentLimits defaults() {
    return withTarget(DEFAULT_TARGET);
  }

  long cutAfterMicros() {
    long t = target.toNanos() / 1000;
    return t - t / 10;
  }

  long maxDurationMicros() {
    return maxDuration.toNanos() / 1000;
  }
}
