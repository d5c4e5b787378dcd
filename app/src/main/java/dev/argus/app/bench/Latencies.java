package dev.argus.app.bench;

import java.util.Arrays;

/**
 * A bounded sample of latencies in nanoseconds, with percentiles by the nearest-rank method.
 * Thread-safe (synchronized): producers and readers of one run record into a shared instance.
 */
final class Latencies {

  /** The most samples kept; later ones are dropped (benchmarks size their runs below it). */
  static final int DEFAULT_MAX_SAMPLES = 1_000_000;
  private long[] samples = new long[1024];
  private int count;

  synchronized void add(long nanos) {
    if (count == DEFAULT_MAX_SAMPLES) {
      return;
    }
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, Math.min(DEFAULT_MAX_SAMPLES, samples.length * 2));
    }
    samples[count++] = nanos;
  }

  synchronized int count() {
    return count;
  }

  /** The {@code p}-th percentile (0 < p <= 100) in milliseconds; NaN when empty. */
  synchronized double percentileMillis(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }
}
