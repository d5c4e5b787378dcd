package dev.argus.datastream.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A lease table in memory: the reference implementation of the {@link LeaseStore} contract, used by
 * tests and as the state of each table in the durable {@link LeaseTables}. Its table always exists.
 *
 * <p>Holds at most {@code maxLeases} leases; a create past that is refused with
 * {@link LeaseStoreUnavailableException}.
 *
 * <p>Thread-safe: every method holds the store's monitor.
 */
public final class InMemoryLeaseStore implements LeaseStore {

  private final int maxLeases;
  /** The leases by key; each value's counter counts the stored changes to it. */
  private final TreeMap<String, Lease> leases = new TreeMap<>();

  public InMemoryLeaseStore() {
    this(DEFAULT_MAX_LEASES);
  }

  public InMemoryLeaseStore(int maxLeases) {
    if (maxLeases < 1) {
      throw new IllegalArgumentException("maxLeases must be positive");
    }
    this.maxLeases = maxLeases;
  }

  /** A store holding {@code initial}, as read back from a snapshot. */
  static InMemoryLeaseStore of(List<Lease> initial, int maxLeases) {
    InMemoryLeaseStore store = new InMemoryLeaseStore(maxLeases);
    for (Lease lease : initial) {
      if (store.leases.put(lease.leaseKey(), lease) != null) {
        throw new IllegalArgumentException("duplicate lease " + lease.leaseKey());
      }
    }
    return store;
  }

  @Override
  public void createTableIfNotExists() {}

  @Override
  public synchronized List<Lease> list() {
    return new ArrayList<>(leases.values());
  }

  @Override
  public synchronized Optional<Lease> get(String leaseKey) {
    return Optional.ofNullable(leases.get(leaseKey));
  }

  @Override
  public synchronized Lease create(Lease lease) {
    if (leases.containsKey(lease.leaseKey())) {
      throw new LeaseConflictException("lease " + lease.leaseKey() + " already exists");
    }
    if (leases.size() >= maxLeases) {
      throw new LeaseStoreUnavailableException("lease table is full: " + maxLeases + " leases", null);
    }
    Lease stored = lease.withCounter(0);
    leases.put(stored.leaseKey(), stored);
    return stored;
  }

  @Override
  public synchronized Lease update(Lease expected, Lease desired) {
    if (!expected.leaseKey().equals(desired.leaseKey())) {
      throw new IllegalArgumentException("an update keeps the lease key");
    }
    check(expected);
    Lease stored = desired.withCounter(expected.counter() + 1);
    leases.put(stored.leaseKey(), stored);
    return stored;
  }

  @Override
  public synchronized void delete(Lease expected) {
    check(expected);
    leases.remove(expected.leaseKey());
  }

  private void check(Lease expected) {
    Lease current = leases.get(expected.leaseKey());
    if (current == null) {
      throw new LeaseConflictException("lease " + expected.leaseKey() + " does not exist");
    }
    if (current.counter() != expected.counter() || !Objects.equals(current.owner(), expected.owner())) {
      throw new LeaseConflictException("lease " + expected.leaseKey() + " is at owner " + current.owner()
          + " counter " + current.counter() + ", not " + expected.owner() + " counter " + expected.counter());
    }
  }
}
