package dev.argus.datastream.consumer;

import dev.argus.datastream.aggregation.ReceivedRecord;
import java.util.List;

/**
 * One GetRecords result or one SubscribeToShard event.
 *
 * @param records the Kinesis records, possibly aggregates
 * @param nextIterator where to read next (the next shard iterator when polling, the continuation
 *     sequence number with fan-out), or null at a closed shard's end
 * @param millisBehindLatest the call's or event's MillisBehindLatest
 * @param childShards the shards that continue this one, reported at its end
 */
record RecordsPage(List<ReceivedRecord> records, String nextIterator, long millisBehindLatest,
    List<ShardDescription> childShards) {

  RecordsPage {
    records = List.copyOf(records);
    childShards = List.copyOf(childShards);
  }

  boolean atShardEnd() {
    return nextIterator == null;
  }
}
