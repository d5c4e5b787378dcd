package dev.argus.datastream.aggregation;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One user record as a consumer sees it, the unit processors receive and checkpoint.
 *
 * <p>A record that was not aggregated has sub-sequence number 0 and {@code aggregated} false. The
 * user records of an aggregate share its sequence number and are numbered 0, 1, 2, ... in order.
 * {@code (sequenceNumber, subSequenceNumber)} orders records within a shard.
 *
 * @param sequenceNumber the Kinesis record's decimal sequence number
 * @param subSequenceNumber the position inside an aggregate, 0 otherwise
 * @param aggregated whether it came out of an aggregate
 * @param approximateArrivalTimestamp when Kinesis stored the carrying record
 * @param partitionKey the user record's partition key
 * @param explicitHashKey the user record's explicit hash key, or {@code null}
 * @param data the user record's data; owned by the record, not to be mutated
 */
public record DeaggregatedRecord(String sequenceNumber, long subSequenceNumber, boolean aggregated,
    Instant approximateArrivalTimestamp, String partitionKey, String explicitHashKey, byte[] data) {

  public DeaggregatedRecord {
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(approximateArrivalTimestamp, "approximateArrivalTimestamp");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
    if (subSequenceNumber < 0 || (!aggregated && subSequenceNumber != 0)) {
      throw new IllegalArgumentException("sub-sequence number " + subSequenceNumber + " for aggregated=" + aggregated);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeaggregatedRecord other
        && sequenceNumber.equals(other.sequenceNumber)
        && subSequenceNumber == other.subSequenceNumber
        && aggregated == other.aggregated
        && approximateArrivalTimestamp.equals(other.approximateArrivalTimestamp)
        && partitionKey.equals(other.partitionKey)
        && Objects.equals(explicitHashKey, other.explicitHashKey)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequenceNumber, subSequenceNumber, partitionKey, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "DeaggregatedRecord[" + sequenceNumber + "/" + subSequenceNumber + ", partitionKey=" + partitionKey
        + ", " + data.length + " bytes]";
  }
}
