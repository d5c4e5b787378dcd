package dev.argus.datastream.lease;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Objects;

/**
 * A position in a shard, as stored in a lease: a record's sequence and sub-sequence number, or one
 * of the sentinels {@link #TRIM_HORIZON}, {@link #LATEST}, {@link #AT_TIMESTAMP} (where to start
 * before anything was processed) and {@link #SHARD_END} (the shard was processed to its end).
 *
 * <p>Invariants: {@code sequenceNumber} is a non-negative decimal integer or a sentinel name; a
 * sentinel has sub-sequence number 0. Real positions order by (sequence number, sub-sequence number)
 * with sequence numbers compared as integers.
 *
 * @param sequenceNumber a decimal sequence number or a sentinel name
 * @param subSequenceNumber the user record's position inside an aggregate; 0 for plain records
 */
public record Checkpoint(String sequenceNumber, long subSequenceNumber) implements Comparable<Checkpoint> {

  public static final Checkpoint TRIM_HORIZON = new Checkpoint("TRIM_HORIZON", 0);
  public static final Checkpoint LATEST = new Checkpoint("LATEST", 0);
  public static final Checkpoint AT_TIMESTAMP = new Checkpoint("AT_TIMESTAMP", 0);
  public static final Checkpoint SHARD_END = new Checkpoint("SHARD_END", 0);

  private static final Comparator<Checkpoint> ORDER = Comparator
      .comparing((Checkpoint c) -> new BigInteger(c.sequenceNumber))
      .thenComparingLong(Checkpoint::subSequenceNumber);

  public Checkpoint {
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    if (isSentinelName(sequenceNumber)) {
      if (subSequenceNumber != 0) {
        throw new IllegalArgumentException("a sentinel checkpoint has sub-sequence number 0");
      }
    } else if (sequenceNumber.isEmpty() || !sequenceNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not a sequence number or sentinel: " + sequenceNumber);
    } else if (subSequenceNumber < 0) {
      throw new IllegalArgumentException("negative sub-sequence number " + subSequenceNumber);
    }
  }

  /** The position of a record: {@code (sequenceNumber, subSequenceNumber)}. */
  public static Checkpoint at(String sequenceNumber, long subSequenceNumber) {
    Checkpoint checkpoint = new Checkpoint(sequenceNumber, subSequenceNumber);
    if (checkpoint.isSentinel()) {
      throw new IllegalArgumentException("a record position is a sequence number, not " + sequenceNumber);
    }
    return checkpoint;
  }

  private static boolean isSentinelName(String name) {
    return name.equals("TRIM_HORIZON") || name.equals("LATEST") || name.equals("AT_TIMESTAMP")
        || name.equals("SHARD_END");
  }

  public boolean isSentinel() {
    return isSentinelName(sequenceNumber);
  }

  public boolean isShardEnd() {
    return this.equals(SHARD_END);
  }

  /**
   * Orders two record positions.
   *
   * @throws IllegalArgumentException when either is a sentinel, which has no place in the order
   */
  @Override
  public int compareTo(Checkpoint other) {
    if (isSentinel() || other.isSentinel()) {
      throw new IllegalArgumentException("sentinels do not compare: " + this + " vs " + other);
    }
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return isSentinel() ? sequenceNumber : sequenceNumber + "/" + subSequenceNumber;
  }
}
