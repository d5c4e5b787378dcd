package dev.argus.datastream.shard;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An inclusive range of 128-bit hash keys, {@code 0 <= start <= end <= 2^128-1}.
 *
 * @param start the smallest key in the range
 * @param end   the largest key in the range
 */
public record HashKeyRange(BigInteger start, BigInteger end) {

  /** 2^128 - 1, the largest hash key. */
  public static final BigInteger MAX_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  /** Every hash key. */
  public static final HashKeyRange ALL = new HashKeyRange(BigInteger.ZERO, MAX_KEY);

  public HashKeyRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.signum() < 0 || end.compareTo(MAX_KEY) > 0 || start.compareTo(end) > 0) {
      throw new IllegalArgumentException("not a hash key range: " + start + ".." + end);
    }
  }

  public boolean contains(BigInteger key) {
    return start.compareTo(key) <= 0 && key.compareTo(end) <= 0;
  }

  /** True when {@code other} starts right after this range ends, or ends right before it starts. */
  public boolean isAdjacentTo(HashKeyRange other) {
    return end.add(BigInteger.ONE).equals(other.start) || other.end.add(BigInteger.ONE).equals(start);
  }

  public boolean overlaps(HashKeyRange other) {
    return start.compareTo(other.end) <= 0 && other.start.compareTo(end) <= 0;
  }

  /** The smallest range covering both; meaningful for adjacent ranges. */
  public HashKeyRange union(HashKeyRange other) {
    return new HashKeyRange(start.min(other.start), end.max(other.end));
  }

  /** The number of keys in the range. */
  public BigInteger size() {
    return end.subtract(start).add(BigInteger.ONE);
  }
}
