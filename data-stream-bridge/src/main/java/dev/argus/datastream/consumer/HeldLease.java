package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Lease;
import dev.argus.datastream.lease.LeaseConflictException;
import dev.argus.datastream.lease.LeaseStore;
import dev.argus.datastream.lease.LeaseStoreException;
import dev.argus.datastream.lease.LeaseStoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A lease this worker holds: the one place its renewals and checkpoints are written, so they never
 * race each other on the counter.
 *
 * <p>The lease counts as held while no conflict has shown another owner and the last successful
 * renewal is less than the failover time old on this worker's clock: past that, another worker may
 * already have taken it, so processing stops (KCL does the same).
 *
 * <p>Thread-safe: every method holds the monitor (renewals come from the scheduler thread,
 * checkpoints from the shard's processor thread).
 */
final class HeldLease {

  private final LeaseStore store;
  private final String workerId;
  private final Clock clock;
  private final Duration failover;
  /** The lease as last stored by this worker. */
  private Lease lease;
  private long lastRenewedMillis;
  /** Set once another owner was seen, or the lease was released; never cleared. */
  private boolean gone;

  HeldLease(LeaseStore store, String workerId, Lease taken, Clock clock, Duration failover) {
    this.store = Objects.requireNonNull(store, "store");
    this.workerId = Objects.requireNonNull(workerId, "workerId");
    if (!workerId.equals(taken.owner())) {
      throw new IllegalArgumentException("lease " + taken.leaseKey() + " is owned by " + taken.owner());
    }
    this.lease = taken;
    this.clock = clock;
    this.failover = failover;
    this.lastRenewedMillis = clock.millis();
  }

  synchronized Lease current() {
    return lease;
  }

  String shardId() {
    return lease.leaseKey();
  }

  synchronized boolean isHeld() {
    return !gone && clock.millis() - lastRenewedMillis < failover.toMillis();
  }

  /** Bumps the counter; a store outage leaves the lease to age towards expiry. */
  synchronized void renew() {
    if (gone) {
      return;
    }
    try {
      change(l -> l);
    } catch (LeaseLostException | LeaseStoreException | CheckpointUnavailableException e) {
      // lost: gone is set; unavailable: isHeld() turns false once the failover time passes
    }
  }

  /**
   * Stores a change to the lease.
   *
   * @throws LeaseLostException when another worker owns it now
   * @throws CheckpointUnavailableException when the store cannot be reached
   */
  synchronized Lease change(UnaryOperator<Lease> edit) {
    if (gone) {
      throw new LeaseLostException("lease " + lease.leaseKey() + " is no longer held");
    }
    try {
      try {
        lease = store.update(lease, edit.apply(lease));
      } catch (LeaseConflictException e) {
        // Our own earlier write may have been applied with its reply lost: if the stored lease is
        // still ours, continue from it; otherwise someone else owns it now.
        Optional<Lease> stored = store.get(lease.leaseKey());
        if (stored.isEmpty() || !workerId.equals(stored.get().owner())) {
          gone = true;
          throw new LeaseLostException("lease " + lease.leaseKey() + " was taken: " + e.getMessage());
        }
        lease = store.update(stored.get(), edit.apply(stored.get()));
      }
      lastRenewedMillis = clock.millis();
      return lease;
    } catch (LeaseConflictException e) {
      gone = true;
      throw new LeaseLostException("lease " + lease.leaseKey() + " was taken: " + e.getMessage());
    } catch (LeaseStoreUnavailableException e) {
      throw new CheckpointUnavailableException("lease store unavailable: " + e.getMessage(), e);
    }
  }

  /** Stores a final change that frees the lease (owner null); the lease is no longer held after it. */
  synchronized void changeAndRelease(UnaryOperator<Lease> edit) {
    change(l -> edit.apply(l).withOwner(null));
    gone = true;
  }

  /** Stops every further write without touching the store, as a crash would. */
  synchronized void abandon() {
    gone = true;
  }

  /** Frees the lease for others at once, best effort (shutdown). */
  synchronized Optional<Lease> release() {
    try {
      changeAndRelease(l -> l);
      return Optional.of(lease);
    } catch (RuntimeException e) {
      gone = true;
      return Optional.empty();
    }
  }
}
