package dev.argus.datastream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.datastream.lease.Checkpoint;
import dev.argus.datastream.lease.Lease;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LeaseCleanupTest {

  /** p split into c1 and c2, which were merged into m. */
  private final List<ShardDescription> lineage = List.of(
      new ShardDescription("p", Set.of(), true),
      new ShardDescription("c1", Set.of("p"), true),
      new ShardDescription("c2", Set.of("p"), true),
      new ShardDescription("m", Set.of("c1", "c2"), false));

  private static Map<String, Lease> table(Lease... leases) {
    return java.util.Arrays.stream(leases).collect(Collectors.toMap(Lease::leaseKey, Function.identity()));
  }

  private static Lease lease(String key, Checkpoint checkpoint, String owner, String... parents) {
    return Lease.create(key, checkpoint, Set.of(parents)).withOwner(owner);
  }

  private static List<String> deletable(List<ShardDescription> shards, Map<String, Lease> table) {
    return LeaseCleanup.deletable(shards, table).stream().map(Lease::leaseKey).sorted().toList();
  }

  @Test
  void aFinishedParentIsDeletedOnceEveryChildStarted() {
    Lease parent = lease("p", Checkpoint.SHARD_END, null);
    Lease waiting = lease("c1", Checkpoint.TRIM_HORIZON, null, "p");
    Lease taken = lease("c2", Checkpoint.TRIM_HORIZON, "w1", "p");
    Lease checkpointed = lease("c1", Checkpoint.at("17", 0), null, "p");

    assertThat(deletable(lineage, table(parent, waiting, taken))).as("c1 has not started").isEmpty();
    assertThat(deletable(lineage, table(parent, taken))).as("c1 has no lease yet").isEmpty();
    assertThat(deletable(lineage, table(parent, checkpointed, taken))).containsExactly("p");
  }

  @Test
  void anUnfinishedParentIsKeptWhateverItsChildren() {
    Lease parent = lease("p", Checkpoint.at("9", 0), "w0");
    Lease c1 = lease("c1", Checkpoint.at("17", 0), "w1", "p");
    Lease c2 = lease("c2", Checkpoint.at("18", 0), "w1", "p");

    assertThat(deletable(lineage, table(parent, c1, c2))).isEmpty();
    assertThat(deletable(List.of(new ShardDescription("p", Set.of(), true)), table(lease("p", Checkpoint.SHARD_END,
        null)))).as("a closed shard with no listed child keeps its lease").isEmpty();
  }

  @Test
  void aChildWhoseOwnLeaseWasDeletedCountsAsStarted() {
    Lease parent = lease("p", Checkpoint.SHARD_END, null);
    Lease c2 = lease("c2", Checkpoint.SHARD_END, null, "p");
    Lease merged = lease("m", Checkpoint.TRIM_HORIZON, "w0", "c1", "c2");

    // c1 was finished and deleted before p: m, below it, holds a lease.
    assertThat(deletable(lineage, table(parent, c2, merged))).containsExactly("c2", "p");
  }

  @Test
  void descendantsAreFoundThroughDeletedGenerations() {
    Map<String, List<String>> children = LeaseCleanup.childrenOf(lineage);
    Map<String, Lease> onlyMerged = table(lease("m", Checkpoint.TRIM_HORIZON, null, "c1", "c2"));

    assertThat(children.get("p")).containsExactlyInAnyOrder("c1", "c2");
    assertThat(LeaseCleanup.hasLeasedDescendant("p", onlyMerged, children)).isTrue();
    assertThat(LeaseCleanup.hasLeasedDescendant("c1", onlyMerged, children)).isTrue();
    assertThat(LeaseCleanup.hasLeasedDescendant("m", onlyMerged, children)).isFalse();
  }
}
