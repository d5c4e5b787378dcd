package dev.argus.datastream.aggregation;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Kinesis record that carries several user records in the Kinesis Producer Library's format,
 * ready for PutRecord/PutRecords: send {@code data} with this partition key and explicit hash key.
 *
 * <p>Data layout: {@link KplFormat#MAGIC} (F3 89 9A C2), the protobuf {@code AggregatedRecord}
 * message, then the 16-byte MD5 of that message.
 *
 * @param partitionKey the first user record's partition key
 * @param explicitHashKey the first user record's effective hash key (decimal), so the aggregate
 *     lands on the shard the first user record would have
 * @param data the encoded aggregate; owned by the record, not to be mutated
 * @param userRecordCount how many user records it carries, at least one
 */
public record AggregatedRecord(String partitionKey, String explicitHashKey, byte[] data, int userRecordCount) {

  public AggregatedRecord {
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(explicitHashKey, "explicitHashKey");
    Objects.requireNonNull(data, "data");
    if (userRecordCount < 1) {
      throw new IllegalArgumentException("an aggregate carries at least one user record");
    }
  }

  /** Size as Kinesis counts it against its record limit: data plus the partition key's UTF-8 bytes. */
  public int billedSize() {
    return data.length + KplFormat.utf8Length(partitionKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AggregatedRecord other
        && partitionKey.equals(other.partitionKey)
        && explicitHashKey.equals(other.explicitHashKey)
        && Arrays.equals(data, other.data)
        && userRecordCount == other.userRecordCount;
  }

  @Override
  public int hashCode() {
    return Objects.hash(partitionKey, explicitHashKey, Arrays.hashCode(data), userRecordCount);
  }

  @Override
  public String toString() {
    return "AggregatedRecord[partitionKey=" + partitionKey + ", explicitHashKey=" + explicitHashKey
        + ", data=" + data.length + " bytes, userRecords=" + userRecordCount + "]";
  }
}
