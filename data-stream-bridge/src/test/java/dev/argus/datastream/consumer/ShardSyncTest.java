package dev.argus.datastream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.datastream.lease.Checkpoint;
import dev.argus.datastream.lease.Lease;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardSyncTest {

  private final List<ShardDescription> reshardedStream = List.of(
      new ShardDescription("p", Set.of(), true),
      new ShardDescription("c1", Set.of("p"), false),
      new ShardDescription("c2", Set.of("p"), false));

  private static Map<String, Checkpoint> starts(List<Lease> leases) {
    return leases.stream().collect(java.util.stream.Collectors.toMap(Lease::leaseKey, Lease::checkpoint));
  }

  @Test
  void trimHorizonStartsEveryShardAtTheOldestRecordAndKeepsParents() {
    List<Lease> created = ShardSync.newLeases(reshardedStream, Map.of(), InitialPosition.trimHorizon());

    assertThat(starts(created)).containsOnly(Map.entry("p", Checkpoint.TRIM_HORIZON),
        Map.entry("c1", Checkpoint.TRIM_HORIZON), Map.entry("c2", Checkpoint.TRIM_HORIZON));
    assertThat(created.get(1).parentShardIds()).containsExactly("p");
  }

  @Test
  void latestSkipsClosedHistoryAndStartsOpenShardsAtTheTip() {
    List<Lease> created = ShardSync.newLeases(reshardedStream, Map.of(), InitialPosition.latest());

    assertThat(starts(created)).containsOnly(Map.entry("p", Checkpoint.SHARD_END),
        Map.entry("c1", Checkpoint.LATEST), Map.entry("c2", Checkpoint.LATEST));
  }

  @Test
  void atTimestampAppliesToEveryShard() {
    List<Lease> created = ShardSync.newLeases(reshardedStream, Map.of(),
        InitialPosition.atTimestamp(Instant.parse("2026-11-25T00:00:00Z")));

    assertThat(starts(created).values()).containsOnly(Checkpoint.AT_TIMESTAMP);
  }

  @Test
  void aChildOfAnAlreadyLeasedParentStartsAtTrimHorizonWhateverThePosition() {
    Lease parent = Lease.create("p", Checkpoint.at("42", 0), Set.of());

    List<Lease> created = ShardSync.newLeases(reshardedStream, Map.of("p", parent), InitialPosition.latest());

    assertThat(starts(created)).containsOnly(Map.entry("c1", Checkpoint.TRIM_HORIZON),
        Map.entry("c2", Checkpoint.TRIM_HORIZON));
  }

  @Test
  void aShardWhoseChildIsLeasedIsNotLeasedAgainAfterItsLeaseWasDeleted() {
    Lease child = Lease.create("c1", Checkpoint.at("42", 0), Set.of("p"));

    List<Lease> created = ShardSync.newLeases(reshardedStream, Map.of("c1", child), InitialPosition.trimHorizon());

    assertThat(starts(created)).containsOnly(Map.entry("c2", Checkpoint.TRIM_HORIZON));
  }
}
