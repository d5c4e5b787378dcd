package dev.argus.datastream.shard;

import java.util.Optional;

/**
 * A position in a shard: its shard and a position, which is the record's log offset plus one; 0
 * stands before the first record (the shard's StartingSequenceNumber), so "after the start" reads
 * from the first record and a subscription that has delivered nothing still has a continuation.
 *
 * <p>Format (version 1): 30 decimal digits, {@code "1"}, the shard index in 10 digits, the
 * position in 19 digits, all zero-padded. Fixed width makes string order equal numeric order, so
 * numbers strictly increase within a shard (offsets do), are unique in a stream (the shard is in
 * them), and are stable across restarts (offsets are durable). A number naming another shard is
 * detected by comparing {@link #shard()}.
 *
 * @param shard    the shard
 * @param position the record's log offset plus one, or 0 for the shard's start
 */
public record SequenceNumber(ShardId shard, long position) implements Comparable<SequenceNumber> {

  public static final int LENGTH = 30;
  private static final char VERSION = '1';

  public SequenceNumber {
    java.util.Objects.requireNonNull(shard, "shard");
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0: " + position);
    }
  }

  /** The number of the record at {@code offset} in the shard's log. */
  public static SequenceNumber ofRecord(ShardId shard, long offset) {
    return new SequenceNumber(shard, offset + 1);
  }

  /** The shard's start: before its first record. */
  public static SequenceNumber start(ShardId shard) {
    return new SequenceNumber(shard, 0);
  }

  /** Parses the decimal form; empty when it is not a version-1 sequence number. */
  public static Optional<SequenceNumber> parse(String text) {
    if (text == null || text.length() != LENGTH || text.charAt(0) != VERSION) {
      return Optional.empty();
    }
    for (int i = 0; i < LENGTH; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return Optional.empty();
      }
    }
    long shard = Long.parseLong(text.substring(1, 11));
    long position;
    try {
      position = Long.parseLong(text.substring(11));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
    if (shard > ShardId.MAX_INDEX) {
      return Optional.empty();
    }
    return Optional.of(new SequenceNumber(new ShardId((int) shard), position));
  }

  @Override
  public String toString() {
    char[] digits = new char[LENGTH];
    digits[0] = VERSION;
    ShardId.zeroPadded(digits, 1, 10, shard.index());
    ShardId.zeroPadded(digits, 11, 19, position);
    return new String(digits);
  }

  @Override
  public int compareTo(SequenceNumber other) {
    int byShard = shard.compareTo(other.shard);
    return byShard != 0 ? byShard : Long.compare(position, other.position);
  }
}
