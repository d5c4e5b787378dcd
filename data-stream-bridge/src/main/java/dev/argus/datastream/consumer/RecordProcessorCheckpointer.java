package dev.argus.datastream.consumer;

import dev.argus.datastream.aggregation.DeaggregatedRecord;
import dev.argus.datastream.lease.Checkpoint;

/**
 * Records how far a processor got, in the lease table.
 *
 * <p>Validation: a checkpoint must lie between the last stored checkpoint and the last record
 * delivered to the processor, inclusive; anything else is an {@link InvalidCheckpointException}
 * and changes nothing. After {@code shardEnded}, {@link #checkpoint()} stores SHARD_END.
 *
 * <p>Failures say what to do: {@link LeaseLostException} stop (another worker owns the shard now);
 * {@link CheckpointUnavailableException} retry later.
 *
 * <p>Two-phase checkpoints, for side effects that must happen once: {@link #prepareCheckpoint}
 * stores a pending checkpoint, the processor performs its side effect, then commits with
 * {@link PreparedCheckpointer#checkpoint()}. A worker that takes the lease over sees the pending
 * checkpoint in {@link InitializationInput#pendingCheckpoint()}.
 *
 * <p>Call only from the processor's own thread, during a lifecycle call.
 */
public interface RecordProcessorCheckpointer {

  /** Checkpoints at the last record delivered (SHARD_END after shardEnded). */
  void checkpoint();

  /** Checkpoints at this record. */
  void checkpoint(DeaggregatedRecord record);

  /** Checkpoints at {@code (sequenceNumber, subSequenceNumber)}. */
  void checkpoint(String sequenceNumber, long subSequenceNumber);

  /** Stores a pending checkpoint at the last record delivered. */
  PreparedCheckpointer prepareCheckpoint();

  /** Stores a pending checkpoint at {@code (sequenceNumber, subSequenceNumber)}. */
  PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber);

  /** The last stored checkpoint. */
  Checkpoint lastCheckpoint();

  /** A stored pending checkpoint, to be committed once its side effects are done. */
  interface PreparedCheckpointer {

    Checkpoint pendingCheckpoint();

    /** Commits the pending checkpoint. */
    void checkpoint();
  }
}
