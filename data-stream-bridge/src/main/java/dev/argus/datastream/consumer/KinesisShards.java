package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Checkpoint;
import java.time.Instant;
import java.util.List;

/**
 * The Kinesis calls the consumer makes, for one stream. {@link SdkKinesisShards} is the one
 * implementation, over the AWS SDK's sync client; the seam keeps the SDK's types out of the logic.
 * Implementations are thread-safe.
 */
interface KinesisShards {

  /** Every shard of the stream, open and closed, parents before children. */
  List<ShardDescription> listShards();

  /**
   * An iterator at a lease's position: a sentinel, or AT_SEQUENCE_NUMBER of a record position (the
   * caller drops what it already processed inside an aggregate).
   */
  String iterator(String shardId, Checkpoint position, Instant atTimestamp);

  /** An iterator just after a sequence number. */
  String iteratorAfter(String shardId, String sequenceNumber);

  /**
   * One GetRecords call.
   *
   * @throws ThrottledException on ProvisionedThroughputExceeded or LimitExceeded
   * @throws IteratorExpiredException when the iterator is older than five minutes
   */
  RecordsPage getRecords(String iterator, int limit);

  /** A read was throttled; back off and retry. */
  final class ThrottledException extends RuntimeException {
    ThrottledException(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** The iterator expired; get a new one after the last record read. */
  final class IteratorExpiredException extends RuntimeException {
    IteratorExpiredException(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }
}
