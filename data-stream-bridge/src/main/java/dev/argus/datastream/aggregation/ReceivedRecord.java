package dev.argus.datastream.aggregation;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Kinesis record as GetRecords or SubscribeToShard delivers it: possibly an aggregate.
 *
 * @param sequenceNumber its decimal sequence number
 * @param approximateArrivalTimestamp when Kinesis stored it
 * @param partitionKey the partition key it was put with
 * @param data its data; owned by the record, not to be mutated
 */
public record ReceivedRecord(String sequenceNumber, Instant approximateArrivalTimestamp, String partitionKey,
    byte[] data) {

  public ReceivedRecord {
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(approximateArrivalTimestamp, "approximateArrivalTimestamp");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReceivedRecord other
        && sequenceNumber.equals(other.sequenceNumber)
        && approximateArrivalTimestamp.equals(other.approximateArrivalTimestamp)
        && partitionKey.equals(other.partitionKey)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequenceNumber, approximateArrivalTimestamp, partitionKey, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "ReceivedRecord[" + sequenceNumber + ", partitionKey=" + partitionKey + ", " + data.length + " bytes]";
  }
}
