package dev.argus.datastream.shard;

import java.util.Optional;

/**
 * A record's sequence number: its shard and its offset in that shard's log.
 *
 * <p>Format (version 1): 30 decimal digits, {@code "1"}, the shard index in 10 digits, the offset
 * in 19 digits, all zero-padded. Fixed width makes string order equal numeric order, so numbers
 * strictly increase within a shard (offsets do), are unique in a stream (the shard is in them),
 * and are stable across restarts (offsets are durable). A number naming another shard is detected
 * by comparing {@link #shard()}.
 *
 * @param shard  the shard the record is in
 * @param offset its offset in the shard's log, {@code >= 0}
 */
public record SequenceNumber(ShardId shard, long offset) implements Comparable<SequenceNumber> {

  public static final int LENGTH = 30;
  private static final char VERSION = '1';

  public SequenceNumber {
    java.util.Objects.requireNonNull(shard, "shard");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0: " + offset);
    }
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
    long offset;
    try {
      offset = Long.parseLong(text.substring(11));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
    if (shard > ShardId.MAX_INDEX) {
      return Optional.empty();
    }
    return Optional.of(new SequenceNumber(new ShardId((int) shard), offset));
  }

  @Override
  public String toString() {
    return VERSION + String.format("%010d%019d", shard.index(), offset);
  }

  @Override
  public int compareTo(SequenceNumber other) {
    int byShard = shard.compareTo(other.shard);
    return byShard != 0 ? byShard : Long.compare(offset, other.offset);
  }
}
