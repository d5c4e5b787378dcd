package dev.argus.datastream.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LeaseBalancerTest {

  private static final Duration FAILOVER = Duration.ofSeconds(10);
  private static final Duration ROUND = Duration.ofSeconds(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T22:00:00Z"));
  private final InMemoryLeaseStore store = new InMemoryLeaseStore();
  private final Map<String, Worker> workers = new HashMap<>();

  /** One simulated worker: observes, renews what it holds, then takes or steals by the plan. */
  private final class Worker {
    final LeaseExpiry expiry = new LeaseExpiry(FAILOVER, clock);
    final LeaseBalancer balancer;
    final String id;
    boolean alive = true;

    Worker(String id, long seed) {
      this.id = id;
      this.balancer = new LeaseBalancer(id, LeaseBalancer.DEFAULT_MAX_TAKE_AT_ONCE, new Random(seed));
    }

    void round() {
      for (Lease lease : store.list()) {
        if (id.equals(lease.owner())) {
          tryUpdate(lease, lease);
        }
      }
      List<Lease> leases = store.list();
      expiry.observe(leases);
      LeaseBalancer.Plan plan = balancer.plan(leases, expiry::isExpired);
      plan.take().forEach(l -> tryUpdate(l, l.withOwner(id)));
      plan.steal().ifPresent(l -> tryUpdate(l, l.withOwner(id)));
    }
  }

  private void tryUpdate(Lease expected, Lease desired) {
    try {
      store.update(expected, desired);
    } catch (LeaseConflictException lostRace) {
      // another worker moved first; the next round re-reads
    }
  }

  private void addWorker(String id, long seed) {
    workers.put(id, new Worker(id, seed));
  }

  private void rounds(int count, Random order) {
    for (int i = 0; i < count; i++) {
      List<Worker> live = new ArrayList<>(workers.values().stream().filter(w -> w.alive).toList());
      live.sort((a, b) -> a.id.compareTo(b.id));
      java.util.Collections.shuffle(live, order);
      live.forEach(Worker::round);
      clock.advance(ROUND);
    }
  }

  private Map<String, Long> holdings() {
    return store.list().stream().filter(l -> l.owner() != null)
        .collect(Collectors.groupingBy(Lease::owner, Collectors.counting()));
  }

  private void createLeases(int count) {
    IntStream.range(0, count).forEach(i -> store.create(Lease.create("shard-" + i, Checkpoint.TRIM_HORIZON, Set.of())));
  }

  private void assertBalanced(int leases, List<String> live) {
    Map<String, Long> held = holdings();
    assertThat(held.keySet()).isSubsetOf(live);
    assertThat(held.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(leases);
    long floor = leases / live.size();
    long ceil = (leases + live.size() - 1) / live.size();
    for (String worker : live) {
      assertThat(held.getOrDefault(worker, 0L)).as("leases of %s in %s", worker, held).isBetween(floor, ceil);
    }
  }

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 25).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void workersStartingTogetherSettleOnAnEvenSplit(long seed) {
    Random random = new Random(seed);
    int leases = 1 + random.nextInt(24);
    int count = 1 + random.nextInt(5);
    createLeases(leases);
    List<String> ids = IntStream.range(0, count).mapToObj(i -> "w" + i).toList();
    ids.forEach(id -> addWorker(id, random.nextLong()));

    rounds(40, random);

    assertBalanced(leases, ids);
    Map<String, Long> settled = holdings();
    rounds(10, random);
    assertThat(holdings()).as("a settled assignment stays").isEqualTo(settled);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aJoiningWorkerStealsItsShare(long seed) {
    Random random = new Random(seed);
    createLeases(8);
    addWorker("w0", random.nextLong());
    addWorker("w1", random.nextLong());
    rounds(20, random);
    assertBalanced(8, List.of("w0", "w1"));

    addWorker("w2", random.nextLong());
    rounds(30, random);

    assertBalanced(8, List.of("w0", "w1", "w2"));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aSilentWorkersLeasesMoveOnlyAfterTheFailoverTime(long seed) {
    Random random = new Random(seed);
    createLeases(9);
    List.of("w0", "w1", "w2").forEach(id -> addWorker(id, random.nextLong()));
    rounds(30, random);
    Set<String> orphaned = store.list().stream().filter(l -> "w1".equals(l.owner())).map(Lease::leaseKey)
        .collect(Collectors.toSet());
    assertThat(orphaned).isNotEmpty();

    workers.get("w1").alive = false;
    rounds((int) (FAILOVER.toSeconds() / ROUND.toSeconds()) - 1, random);
    assertThat(store.list().stream().filter(l -> orphaned.contains(l.leaseKey())))
        .allSatisfy(l -> assertThat(l.owner()).isEqualTo("w1"));

    rounds(10, random);
    assertBalanced(9, List.of("w0", "w2"));
  }

  @Test
  void aChildIsNotTakenUntilEveryParentIsFinished() {
    store.create(Lease.create("parent-a", Checkpoint.TRIM_HORIZON, Set.of()));
    store.create(Lease.create("parent-b", Checkpoint.TRIM_HORIZON, Set.of()));
    store.create(Lease.create("child", Checkpoint.TRIM_HORIZON, Set.of("parent-a", "parent-b")));
    LeaseBalancer balancer = new LeaseBalancer("w", 10, new Random(1));

    assertThat(balancer.plan(store.list(), l -> true).take()).extracting(Lease::leaseKey)
        .containsExactlyInAnyOrder("parent-a", "parent-b");

    Lease a = store.get("parent-a").orElseThrow();
    store.update(a, a.withCheckpoint(Checkpoint.SHARD_END));
    assertThat(balancer.plan(store.list(), l -> true).take()).extracting(Lease::leaseKey)
        .containsExactly("parent-b");

    Lease b = store.get("parent-b").orElseThrow();
    store.update(b, b.withCheckpoint(Checkpoint.SHARD_END));
    assertThat(balancer.plan(store.list(), l -> true).take()).extracting(Lease::leaseKey)
        .containsExactly("child");
  }

  @Test
  void aChildWhoseParentLeaseIsGoneIsActive() {
    Lease child = Lease.create("child", Checkpoint.TRIM_HORIZON, Set.of("trimmed-away"));
    assertThat(LeaseBalancer.isActive(child, Map.of("child", child))).isTrue();
  }
}
