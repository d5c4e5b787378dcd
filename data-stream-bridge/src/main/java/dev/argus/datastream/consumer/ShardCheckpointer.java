package dev.argus.datastream.consumer;

import dev.argus.datastream.aggregation.DeaggregatedRecord;
import dev.argus.datastream.lease.Checkpoint;

/**
 * The checkpointer of one shard consumer: validates positions against what was delivered and stores
 * them through the {@link HeldLease}.
 *
 * <p>Not thread-safe: used by the shard's processor thread only, during lifecycle calls.
 */
final class ShardCheckpointer implements RecordProcessorCheckpointer {

  private final HeldLease held;
  /** The last user record delivered to the processor, or null before the first. */
  private Checkpoint largestDelivered;
  /** Set once the shard's end was delivered: checkpoint() then means SHARD_END. */
  private boolean atShardEnd;

  ShardCheckpointer(HeldLease held) {
    this.held = held;
  }

  void delivered(DeaggregatedRecord record) {
    largestDelivered = Checkpoint.at(record.sequenceNumber(), record.subSequenceNumber());
  }

  void reachedShardEnd() {
    atShardEnd = true;
  }

  boolean shardEndCheckpointed() {
    return held.current().isFinished();
  }

  @Override
  public void checkpoint() {
    if (atShardEnd) {
      held.changeAndRelease(l -> l.withCheckpoint(Checkpoint.SHARD_END));
    } else if (largestDelivered != null) {
      store(largestDelivered);
    }
  }

  @Override
  public void checkpoint(DeaggregatedRecord record) {
    checkpoint(record.sequenceNumber(), record.subSequenceNumber());
  }

  @Override
  public void checkpoint(String sequenceNumber, long subSequenceNumber) {
    store(validated(sequenceNumber, subSequenceNumber));
  }

  @Override
  public PreparedCheckpointer prepareCheckpoint() {
    if (largestDelivered == null) {
      throw new InvalidCheckpointException("no record was delivered yet");
    }
    return prepare(largestDelivered);
  }

  @Override
  public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber) {
    return prepare(validated(sequenceNumber, subSequenceNumber));
  }

  @Override
  public Checkpoint lastCheckpoint() {
    return held.current().checkpoint();
  }

  private PreparedCheckpointer prepare(Checkpoint pending) {
    held.change(l -> l.withPendingCheckpoint(pending));
    return new PreparedCheckpointer() {
      @Override
      public Checkpoint pendingCheckpoint() {
        return pending;
      }

      @Override
      public void checkpoint() {
        Checkpoint stored = held.current().pendingCheckpoint();
        if (!pending.equals(stored)) {
          throw new InvalidCheckpointException("pending checkpoint " + pending + " was replaced by " + stored);
        }
        store(pending);
      }
    };
  }

  private Checkpoint validated(String sequenceNumber, long subSequenceNumber) {
    Checkpoint target;
    try {
      target = Checkpoint.at(sequenceNumber, subSequenceNumber);
    } catch (IllegalArgumentException e) {
      throw new InvalidCheckpointException(e.getMessage());
    }
    if (largestDelivered == null || target.compareTo(largestDelivered) > 0) {
      throw new InvalidCheckpointException("checkpoint " + target + " is past the last record delivered, "
          + largestDelivered);
    }
    Checkpoint last = held.current().checkpoint();
    if (!last.isSentinel() && target.compareTo(last) < 0) {
      throw new InvalidCheckpointException("checkpoint " + target + " is before the stored checkpoint " + last);
    }
    return target;
  }

  private void store(Checkpoint checkpoint) {
    held.change(l -> l.withCheckpoint(checkpoint));
  }
}
