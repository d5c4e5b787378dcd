package dev.argus.datastream.engine;

import dev.argus.datastream.shard.SequenceNumber;
import java.util.Objects;

/**
 * A record as read back.
 *
 * @param sequenceNumber its number
 * @param arrivalMillis  when the engine stored it (ApproximateArrivalTimestamp)
 * @param partitionKey   its partition key
 * @param data           its bytes; owned by this record
 */
public record StreamRecord(SequenceNumber sequenceNumber, long arrivalMillis, String partitionKey, byte[] data) {
  public StreamRecord {
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
  }
}
