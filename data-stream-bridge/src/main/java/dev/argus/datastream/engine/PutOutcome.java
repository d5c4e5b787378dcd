package dev.argus.datastream.engine;

import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.util.Objects;

/** What became of one record of a PutRecords call, in request order. */
public sealed interface PutOutcome {

  /** Stored (and, once the call's future completes, durable). */
  record Stored(ShardId shard, SequenceNumber sequenceNumber) implements PutOutcome {
    public Stored {
      Objects.requireNonNull(shard, "shard");
      Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }
  }

  /**
   * Not stored.
   *
   * @param errorCode    {@code ProvisionedThroughputExceededException} or {@code InternalFailure}
   * @param errorMessage for people
   */
  record Failed(String errorCode, String errorMessage) implements PutOutcome {
    public Failed {
      Objects.requireNonNull(errorCode, "errorCode");
      Objects.requireNonNull(errorMessage, "errorMessage");
    }
  }
}
