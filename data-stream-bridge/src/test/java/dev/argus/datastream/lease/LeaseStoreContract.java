package dev.argus.datastream.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link LeaseStore} contract as a model-oracle run: seeded random creates, updates and deletes,
 * with fresh and stale expectations, checked op by op against a TreeMap model. Shared by the tests
 * of every implementation.
 */
final class LeaseStoreContract {

  private static final String[] KEYS = {"shardId-000000000000", "shardId-000000000001", "shardId-000000000002",
      "shardId-000000000003"};
  private static final String[] OWNERS = {null, "worker-a", "worker-b", "worker-c"};

  private LeaseStoreContract() {}

  static void run(LeaseStore store, long seed, int operations) {
    Random random = new Random(seed);
    TreeMap<String, Lease> model = new TreeMap<>();
    List<Lease> seenBefore = new ArrayList<>();
    for (int i = 0; i < operations; i++) {
      String key = KEYS[random.nextInt(KEYS.length)];
      Lease current = model.get(key);
      switch (random.nextInt(4)) {
        case 0 -> create(store, model, randomLease(random, key));
        case 1, 2 -> update(store, model, expectation(random, key, current, seenBefore), randomLease(random, key));
        default -> delete(store, model, expectation(random, key, current, seenBefore));
      }
      if (current != null) {
        seenBefore.add(current);
      }
      assertThat(store.list()).as("after operation %d", i).containsExactlyElementsOf(model.values());
      assertThat(store.get(key)).isEqualTo(java.util.Optional.ofNullable(model.get(key)));
    }
  }

  private static void create(LeaseStore store, TreeMap<String, Lease> model, Lease lease) {
    if (model.containsKey(lease.leaseKey())) {
      assertThatThrownBy(() -> store.create(lease)).isInstanceOf(LeaseConflictException.class);
    } else {
      Lease stored = store.create(lease);
      assertThat(stored.counter()).isZero();
      model.put(lease.leaseKey(), stored);
    }
  }

  private static void update(LeaseStore store, TreeMap<String, Lease> model, Lease expected, Lease desired) {
    if (matches(model.get(expected.leaseKey()), expected)) {
      Lease stored = store.update(expected, desired);
      assertThat(stored).isEqualTo(desired.withCounter(expected.counter() + 1));
      model.put(stored.leaseKey(), stored);
    } else {
      assertThatThrownBy(() -> store.update(expected, desired)).isInstanceOf(LeaseConflictException.class);
    }
  }

  private static void delete(LeaseStore store, TreeMap<String, Lease> model, Lease expected) {
    if (matches(model.get(expected.leaseKey()), expected)) {
      store.delete(expected);
      model.remove(expected.leaseKey());
    } else {
      assertThatThrownBy(() -> store.delete(expected)).isInstanceOf(LeaseConflictException.class);
    }
  }

  private static boolean matches(Lease current, Lease expected) {
    return current != null && current.counter() == expected.counter()
        && Objects.equals(current.owner(), expected.owner());
  }

  /** Mostly the current lease; sometimes a stale copy, a wrong owner or a wrong counter. */
  private static Lease expectation(Random random, String key, Lease current, List<Lease> seenBefore) {
    int pick = random.nextInt(6);
    if (current != null && pick < 3) {
      return current;
    }
    List<Lease> stale = seenBefore.stream().filter(l -> l.leaseKey().equals(key)).toList();
    if (pick == 3 && !stale.isEmpty()) {
      return stale.get(random.nextInt(stale.size()));
    }
    Lease base = current != null ? current : randomLease(random, key);
    return pick == 4 ? base.withOwner(OWNERS[random.nextInt(OWNERS.length)])
        : base.withCounter(random.nextInt(3));
  }

  static Lease randomLease(Random random, String key) {
    Checkpoint checkpoint = switch (random.nextInt(4)) {
      case 0 -> Checkpoint.TRIM_HORIZON;
      case 1 -> Checkpoint.SHARD_END;
      default -> Checkpoint.at(String.valueOf(random.nextInt(1_000_000)), random.nextInt(3));
    };
    Checkpoint pending = random.nextBoolean() ? null : Checkpoint.at(String.valueOf(random.nextInt(1_000)), 0);
    Set<String> parents = random.nextBoolean() ? Set.of() : Set.of("shardId-000000000009");
    return new Lease(key, OWNERS[random.nextInt(OWNERS.length)], random.nextInt(5), checkpoint, pending, parents);
  }
}
