package dev.argus.datastream.lease;

import java.util.List;
import java.util.Optional;

/**
 * One application's lease table: one {@link Lease} per shard, changed only by conditional updates.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>{@link #create} stores a new lease only when none has its key;</li>
 *   <li>{@link #update} and {@link #delete} apply only when the stored lease still has the owner and
 *       counter of {@code expected} (what the caller read); {@code update} stores {@code desired}
 *       with counter {@code expected.counter() + 1} and returns what it stored;</li>
 *   <li>a lost race is a {@link LeaseConflictException} and changes nothing;</li>
 *   <li>{@link #list} returns a consistent snapshot ordered by lease key.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface LeaseStore {

  /** The default bound on leases per table. */
  int DEFAULT_MAX_LEASES = 10_000;

  /** Creates this store's table when missing; idempotent. */
  void createTableIfNotExists();

  List<Lease> list();

  Optional<Lease> get(String leaseKey);

  /**
   * Stores a new lease with counter 0.
   *
   * @throws LeaseConflictException when a lease with its key exists
   */
  Lease create(Lease lease);

  /**
   * Replaces a lease if it is unchanged since {@code expected} was read.
   *
   * @throws LeaseConflictException when it is missing or its owner or counter differ
   */
  Lease update(Lease expected, Lease desired);

  /**
   * Deletes a lease if it is unchanged since {@code expected} was read.
   *
   * @throws LeaseConflictException when it is missing or its owner or counter differ
   */
  void delete(Lease expected);
}
