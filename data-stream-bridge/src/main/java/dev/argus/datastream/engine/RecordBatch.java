package dev.argus.datastream.engine;

import dev.argus.datastream.shard.SequenceNumber;
import java.util.List;

/**
 * A GetRecords answer.
 *
 * @param records            in sequence order, possibly none
 * @param nextShardIterator  where to read next; null once a closed shard is read to its end
 * @param millisBehindLatest 0 at the tip, else how old the next unread record is
 * @param childShards        at a closed shard's end its children, else empty
 * @param continuation       the number of the last record read (or of the position before the
 *                           next one): AFTER_SEQUENCE_NUMBER with it resumes exactly here
 */
public record RecordBatch(List<StreamRecord> records, String nextShardIterator, long millisBehindLatest,
                          List<ChildShard> childShards, SequenceNumber continuation) {
  public RecordBatch {
    java.util.Objects.requireNonNull(continuation, "continuation");
    records = List.copyOf(records);
    childShards = List.copyOf(childShards);
  }
}
