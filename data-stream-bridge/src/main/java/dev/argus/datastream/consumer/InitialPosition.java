package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Checkpoint;
import java.time.Instant;
import java.util.Objects;

/** Where a shard that has no checkpoint yet is read from. */
public sealed interface InitialPosition {

  /** The oldest record still retained. */
  record TrimHorizon() implements InitialPosition {}

  /** Only records put after the lease's first iterator. */
  record Latest() implements InitialPosition {}

  /** The first record that arrived at or after {@code timestamp}. */
  record AtTimestamp(Instant timestamp) implements InitialPosition {
    public AtTimestamp {
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  static InitialPosition trimHorizon() {
    return new TrimHorizon();
  }

  static InitialPosition latest() {
    return new Latest();
  }

  static InitialPosition atTimestamp(Instant timestamp) {
    return new AtTimestamp(timestamp);
  }

  /** The sentinel stored in a new lease for this position. */
  default Checkpoint sentinel() {
    if (this instanceof TrimHorizon) {
      return Checkpoint.TRIM_HORIZON;
    }
    return this instanceof Latest ? Checkpoint.LATEST : Checkpoint.AT_TIMESTAMP;
  }
}
