package dev.argus.datastream.aggregation;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Kinesis records back into user records, transparently to processors.
 *
 * <p>Behaviour, matching the Kinesis Client Library's {@code AggregatorUtil}:
 * <ul>
 *   <li>data without the magic F3 89 9A C2, or no longer than magic plus MD5, passes through as one
 *       plain record (sub-sequence 0, not aggregated);</li>
 *   <li>data with the magic whose MD5 trailer does not match passes through as a plain record;</li>
 *   <li>data whose message is not a valid {@code AggregatedRecord} (bad protobuf, a missing required
 *       field) passes through as a plain record;</li>
 *   <li>otherwise each user record comes out with sub-sequence numbers 0..n-1, in order.</li>
 * </ul>
 * Deliberate differences, so that no bytes are lost silently: where a record indexes past a key
 * table, the KCL logs an error and keeps the user records decoded before it, dropping the rest, and
 * where an explicit hash key is not a decimal in 0..2^128-1 it drops the whole aggregate; here the
 * Kinesis record passes through whole as a plain record in both cases. Partition keys must be
 * 1..256 characters, as Kinesis requires of every key, or the record passes through likewise.
 *
 * <p>Stateless and thread-safe.
 */
public final class RecordDeaggregator {

  private static final Logger LOG = LoggerFactory.getLogger(RecordDeaggregator.class);

  private RecordDeaggregator() {}

  /** De-aggregates records in order. */
  public static List<DeaggregatedRecord> deaggregate(List<ReceivedRecord> records) {
    List<DeaggregatedRecord> out = new ArrayList<>(records.size());
    for (ReceivedRecord record : records) {
      out.addAll(deaggregate(record));
    }
    return out;
  }

  /** De-aggregates one Kinesis record into one or more user records. */
  public static List<DeaggregatedRecord> deaggregate(ReceivedRecord record) {
    byte[] data = record.data();
    if (!KplFormat.isAggregate(data)) {
      return List.of(plain(record));
    }
    List<UserRecord> users;
    try {
      users = KplFormat.decode(data);
    } catch (InvalidProtocolBufferException e) {
      LOG.warn("record {} has the aggregate magic and MD5 but is not a valid aggregate ({}); passing it through",
          record.sequenceNumber(), e.getMessage());
      return List.of(plain(record));
    }
    List<DeaggregatedRecord> out = new ArrayList<>(users.size());
    for (int i = 0; i < users.size(); i++) {
      UserRecord user = users.get(i);
      out.add(new DeaggregatedRecord(record.sequenceNumber(), i, true, record.approximateArrivalTimestamp(),
          user.partitionKey(), user.explicitHashKey(), user.data()));
    }
    return out;
  }

  private static DeaggregatedRecord plain(ReceivedRecord record) {
    return new DeaggregatedRecord(record.sequenceNumber(), 0, false, record.approximateArrivalTimestamp(),
        record.partitionKey(), null, record.data());
  }
}
