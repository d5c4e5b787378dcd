package dev.argus.datastream.consumer;

import dev.argus.datastream.aggregation.DeaggregatedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A processor that records every user record it is given and checkpoints after each batch; the
 * tests' observer. Each instance serves one shard on one thread.
 */
final class RecordingProcessor implements ShardRecordProcessor {

  /** One delivery: which worker processed which record of which shard. */
  record Delivery(String worker, String shardId, String partitionKey, String data, String sequenceNumber,
      long subSequenceNumber) {}

  /** Lifecycle calls, for tests of the lifecycle. */
  record Event(String worker, String shardId, String call) {}

  private final String worker;
  private final Queue<Delivery> deliveries;
  private final Queue<Event> events;
  private String shardId;

  RecordingProcessor(String worker, Queue<Delivery> deliveries, Queue<Event> events) {
    this.worker = worker;
    this.deliveries = deliveries;
    this.events = events;
  }

  static ShardRecordProcessorFactory factory(String worker, Queue<Delivery> deliveries, Queue<Event> events) {
    return () -> new RecordingProcessor(worker, deliveries, events);
  }

  static Queue<Delivery> newDeliveries() {
    return new ConcurrentLinkedQueue<>();
  }

  @Override
  public void initialize(InitializationInput input) {
    shardId = input.shardId();
    events.add(new Event(worker, shardId, "initialize " + input.checkpoint()));
  }

  @Override
  public void processRecords(ProcessRecordsInput input) {
    List<DeaggregatedRecord> records = input.records();
    for (DeaggregatedRecord r : records) {
      deliveries.add(new Delivery(worker, shardId, r.partitionKey(), new String(r.data(), StandardCharsets.UTF_8),
          r.sequenceNumber(), r.subSequenceNumber()));
    }
    input.checkpointer().checkpoint();
  }

  @Override
  public void leaseLost(LeaseLostInput input) {
    events.add(new Event(worker, shardId, "leaseLost"));
  }

  @Override
  public void shardEnded(ShardEndedInput input) {
    events.add(new Event(worker, shardId, "shardEnded"));
    input.checkpointer().checkpoint();
  }

  @Override
  public void shutdownRequested(ShutdownRequestedInput input) {
    events.add(new Event(worker, shardId, "shutdownRequested"));
    input.checkpointer().checkpoint();
  }
}
