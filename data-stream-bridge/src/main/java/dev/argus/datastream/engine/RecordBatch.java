package dev.argus.datastream.engine;

import java.util.List;

/**
 * A GetRecords answer.
 *
 * @param records            in sequence order, possibly none
 * @param nextShardIterator  where to read next; null once a closed shard is read to its end
 * @param millisBehindLatest 0 at the tip, else how old the next unread record is
 * @param childShards        at a closed shard's end its children, else empty
 */
public record RecordBatch(List<StreamRecord> records, String nextShardIterator, long millisBehindLatest,
                          List<ChildShard> childShards) {
  public RecordBatch {
    records = List.copyOf(records);
    childShards = List.copyOf(childShards);
  }
}
