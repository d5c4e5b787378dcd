package dev.argus.datastream.engine;

import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.util.Objects;

/**
 * A shard's metadata. Immutable; persisted as part of {@link StreamInfo}.
 *
 * @param id             its id
 * @param parent         the shard it was split or merged from, or null for an original shard
 * @param adjacentParent the other parent of a merge (or of a uniform-scaling child that overlaps two), or null
 * @param hashKeyRange   the keys it takes, fixed for its life
 * @param openedMillis   when it was created
 * @param closedMillis   when a reshard closed it, or null while open
 * @param endOffset      its log's end when closed (records {@code [0, endOffset)}), or null while open
 */
public record ShardInfo(ShardId id, ShardId parent, ShardId adjacentParent, HashKeyRange hashKeyRange,
                        long openedMillis, Long closedMillis, Long endOffset) {

  public ShardInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hashKeyRange, "hashKeyRange");
    if ((closedMillis == null) != (endOffset == null)) {
      throw new IllegalArgumentException("a closed shard has both closedMillis and endOffset");
    }
    if (endOffset != null && endOffset < 0) {
      throw new IllegalArgumentException("endOffset must be >= 0");
    }
  }

  public static ShardInfo open(ShardId id, ShardId parent, ShardId adjacentParent, HashKeyRange range, long now) {
    return new ShardInfo(id, parent, adjacentParent, range, now, null, null);
  }

  public boolean isOpen() {
    return closedMillis == null;
  }

  /** This shard closed at {@code now} with {@code end} records. */
  public ShardInfo closed(long now, long end) {
    return new ShardInfo(id, parent, adjacentParent, hashKeyRange, openedMillis, now, end);
  }

  /** Before the first record; AFTER_SEQUENCE_NUMBER with it reads from the first record. */
  public SequenceNumber startingSequenceNumber() {
    return SequenceNumber.start(id);
  }

  /** The last record's number when closed (the starting number for a shard closed empty); null while open. */
  public SequenceNumber endingSequenceNumber() {
    return endOffset == null ? null : new SequenceNumber(id, endOffset);
  }

  /** Whether the shard was open at {@code millis}. */
  public boolean openAt(long millis) {
    return openedMillis <= millis && (closedMillis == null || closedMillis > millis);
  }
}
