package dev.argus.datastream.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.datastream.aggregation.DeaggregatedRecord;
import dev.argus.datastream.lease.Checkpoint;
import dev.argus.datastream.lease.InMemoryLeaseStore;
import dev.argus.datastream.lease.Lease;
import dev.argus.datastream.lease.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShardCheckpointerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T22:00:00Z"));
  private final InMemoryLeaseStore store = new InMemoryLeaseStore();
  private HeldLease held;
  private ShardCheckpointer checkpointer;

  @BeforeEach
  void take() {
    Lease lease = store.create(Lease.create("shard", Checkpoint.TRIM_HORIZON, Set.of()));
    held = new HeldLease(store, "w", store.update(lease, lease.withOwner("w")), clock, Duration.ofSeconds(10));
    checkpointer = new ShardCheckpointer(held);
  }

  private static DeaggregatedRecord record(String seq, long sub) {
    return new DeaggregatedRecord(seq, sub, sub > 0, Instant.EPOCH, "k", null, new byte[0]);
  }

  private Checkpoint stored() {
    return store.get("shard").orElseThrow().checkpoint();
  }

  @Test
  void checkpointsTheLastDeliveredRecord() {
    checkpointer.delivered(record("100", 0));
    checkpointer.delivered(record("205", 3));

    checkpointer.checkpoint();

    assertThat(stored()).isEqualTo(Checkpoint.at("205", 3));
    assertThat(checkpointer.lastCheckpoint()).isEqualTo(Checkpoint.at("205", 3));
  }

  @Test
  void nothingDeliveredMeansNothingToCheckpoint() {
    checkpointer.checkpoint();

    assertThat(stored()).isEqualTo(Checkpoint.TRIM_HORIZON);
    assertThatThrownBy(() -> checkpointer.checkpoint("1", 0)).isInstanceOf(InvalidCheckpointException.class);
    assertThatThrownBy(checkpointer::prepareCheckpoint).isInstanceOf(InvalidCheckpointException.class);
  }

  @Test
  void refusesACheckpointPastWhatWasDelivered() {
    checkpointer.delivered(record("100", 2));

    assertThatThrownBy(() -> checkpointer.checkpoint("100", 3)).isInstanceOf(InvalidCheckpointException.class);
    assertThatThrownBy(() -> checkpointer.checkpoint("99999999999999999999", 0))
        .isInstanceOf(InvalidCheckpointException.class);
    assertThat(stored()).isEqualTo(Checkpoint.TRIM_HORIZON);
  }

  @Test
  void refusesACheckpointBeforeTheStoredOne() {
    checkpointer.delivered(record("100", 0));
    checkpointer.delivered(record("300", 0));
    checkpointer.checkpoint("300", 0);

    assertThatThrownBy(() -> checkpointer.checkpoint("100", 0)).isInstanceOf(InvalidCheckpointException.class);
    assertThatThrownBy(() -> checkpointer.checkpoint("not-a-number", 0))
        .isInstanceOf(InvalidCheckpointException.class);
    assertThat(stored()).isEqualTo(Checkpoint.at("300", 0));
  }

  @Test
  void comparesSequenceNumbersAsIntegersNotText() {
    checkpointer.delivered(record("9", 0));
    checkpointer.delivered(record("10", 0));

    checkpointer.checkpoint("9", 0);
    checkpointer.checkpoint("10", 0);

    assertThat(stored()).isEqualTo(Checkpoint.at("10", 0));
  }

  @Test
  void twoPhaseCheckpointStoresPendingThenCommits() {
    checkpointer.delivered(record("500", 1));

    RecordProcessorCheckpointer.PreparedCheckpointer prepared = checkpointer.prepareCheckpoint();

    Lease pending = store.get("shard").orElseThrow();
    assertThat(pending.pendingCheckpoint()).isEqualTo(Checkpoint.at("500", 1));
    assertThat(pending.checkpoint()).isEqualTo(Checkpoint.TRIM_HORIZON);
    prepared.checkpoint();
    Lease committed = store.get("shard").orElseThrow();
    assertThat(committed.checkpoint()).isEqualTo(Checkpoint.at("500", 1));
    assertThat(committed.pendingCheckpoint()).isNull();
  }

  @Test
  void aReplacedPreparationCannotBeCommitted() {
    checkpointer.delivered(record("500", 0));
    RecordProcessorCheckpointer.PreparedCheckpointer first = checkpointer.prepareCheckpoint("500", 0);
    checkpointer.delivered(record("600", 0));
    checkpointer.prepareCheckpoint("600", 0);

    assertThatThrownBy(first::checkpoint).isInstanceOf(InvalidCheckpointException.class);
  }

  @Test
  void atShardEndCheckpointStoresShardEndAndFreesTheLease() {
    checkpointer.delivered(record("700", 0));
    checkpointer.reachedShardEnd();

    checkpointer.checkpoint();

    Lease finished = store.get("shard").orElseThrow();
    assertThat(finished.checkpoint()).isEqualTo(Checkpoint.SHARD_END);
    assertThat(finished.owner()).isNull();
    assertThat(checkpointer.shardEndCheckpointed()).isTrue();
    assertThat(held.isHeld()).isFalse();
  }

  @Test
  void aStolenLeaseFailsTheCheckpointWithLeaseLost() {
    Lease current = store.get("shard").orElseThrow();
    store.update(current, current.withOwner("thief"));
    checkpointer.delivered(record("800", 0));

    assertThatThrownBy(checkpointer::checkpoint).isInstanceOf(LeaseLostException.class);
    assertThat(store.get("shard").orElseThrow().owner()).isEqualTo("thief");
    assertThat(held.isHeld()).isFalse();
  }
}
