package dev.argus.datastream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.datastream.aggregation.DeaggregatedRecord;
import dev.argus.datastream.lease.Checkpoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resume filter; the consumer's lifecycle runs end to end in {@link SchedulerTest}. */
class ShardConsumerTest {

  private static DeaggregatedRecord record(String seq, long sub) {
    return new DeaggregatedRecord(seq, sub, true, Instant.EPOCH, "k", null, new byte[0]);
  }

  @Test
  void resumingInsideAnAggregateDropsItsCheckpointedUserRecords() {
    List<DeaggregatedRecord> page = List.of(record("5", 0), record("5", 1), record("5", 2), record("6", 0));

    assertThat(ShardConsumer.after(page, Checkpoint.at("5", 1))).extracting(DeaggregatedRecord::subSequenceNumber,
        DeaggregatedRecord::sequenceNumber).containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "5"),
        org.assertj.core.groups.Tuple.tuple(0L, "6"));
  }

  @Test
  void resumingAfterAPlainRecordDropsThatRecord() {
    List<DeaggregatedRecord> page = List.of(new DeaggregatedRecord("10", 0, false, Instant.EPOCH, "k", null,
        new byte[0]), record("11", 0));

    assertThat(ShardConsumer.after(page, Checkpoint.at("10", 0))).extracting(DeaggregatedRecord::sequenceNumber)
        .containsExactly("11");
    assertThat(ShardConsumer.after(page, null)).hasSize(2);
  }
}
