package dev.argus.app.bench;

import java.util.Arrays;

/** Latency samples in microseconds, with percentiles. Thread-safe (synchronized). */
final class Latencies {
  private long[] samples = new long[1024];
  private int count;

  synchronized void add(long micros) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = micros;
  }

  synchronized int count() {
    return count;
  }

  /** The {@code p}-th percentile in milliseconds (nearest rank), or NaN without samples. */
  synchronized double percentileMillis(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))] / 1000.0;
  }
}
