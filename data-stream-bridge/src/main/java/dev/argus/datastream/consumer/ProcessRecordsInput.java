package dev.argus.datastream.consumer;

import dev.argus.datastream.aggregation.DeaggregatedRecord;
import java.util.List;
import java.util.Objects;

/**
 * One batch of user records.
 *
 * @param records the user records, in shard order, aggregates unpacked (never empty)
 * @param checkpointer checkpoints up to the last record delivered so far
 * @param millisBehindLatest how far the batch's GetRecords call was behind the shard's tip
 */
public record ProcessRecordsInput(List<DeaggregatedRecord> records, RecordProcessorCheckpointer checkpointer,
    long millisBehindLatest) {

  public ProcessRecordsInput {
    records = List.copyOf(records);
    Objects.requireNonNull(checkpointer, "checkpointer");
  }
}
