package dev.argus.datastream.consumer;

/**
 * The application's code for one shard, driven by the {@link Scheduler} through a fixed lifecycle:
 *
 * <pre>
 * initialize → processRecords* → (shardEnded | leaseLost | shutdownRequested)
 * </pre>
 *
 * <p>Exactly one of the three last calls ends a processor's life. Every call for one shard comes
 * from the same thread, one at a time; different shards' processors run on different threads.
 * Records arrive in shard order; a processor checkpoints through the checkpointer it is given to
 * say how far it has durably got, and after a crash or a lease move processing resumes after the
 * last checkpoint, so records since then are delivered again (at least once).
 *
 * <p>Each method takes an input record, so the API can grow without breaking implementations.
 */
public interface ShardRecordProcessor {

  /** Called once before any records, with where processing starts. */
  void initialize(InitializationInput input);

  /** Called with each batch of user records (aggregates already unpacked), in order. */
  void processRecords(ProcessRecordsInput input);

  /**
   * The lease moved to another worker (or could not be renewed in time); checkpointing is no longer
   * possible. Stop side effects for this shard.
   */
  void leaseLost(LeaseLostInput input);

  /**
   * Every record of the shard was delivered and the shard is closed (split or merged). The processor
   * must call {@code input.checkpointer().checkpoint()}: only then are the child shards processed.
   * Until it does, the scheduler calls again after a pause.
   */
  void shardEnded(ShardEndedInput input);

  /** The worker is shutting down cleanly; checkpoint what was processed. */
  void shutdownRequested(ShutdownRequestedInput input);
}
