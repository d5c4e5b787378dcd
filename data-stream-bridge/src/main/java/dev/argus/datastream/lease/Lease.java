package dev.argus.datastream.lease;

import java.util.Objects;
import java.util.Set;

/**
 * One shard's lease in a lease table: who processes the shard and how far it got.
 *
 * <p>The {@code (owner, counter)} pair is the compare-and-set token of every conditional update
 * ({@link LeaseStore#update}): each stored change increments the counter by one, so a worker that
 * read counter {@code n} can change the lease only while it is still at {@code n}. Owners renew by
 * incrementing the counter; other workers judge a lease expired when they have not seen its counter
 * move for the failover time, on their own clocks (no clock comparison across machines).
 *
 * @param leaseKey the shard id
 * @param owner the worker holding it, or {@code null} when free
 * @param counter incremented by every stored change; 0 for a new lease
 * @param checkpoint how far processing got (a sentinel until the first checkpoint)
 * @param pendingCheckpoint a prepared checkpoint not yet committed, or {@code null}
 * @param parentShardIds the shards this one was split or merged from (0 to 2 of them)
 */
public record Lease(String leaseKey, String owner, long counter, Checkpoint checkpoint,
    Checkpoint pendingCheckpoint, Set<String> parentShardIds) {

  /** The longest lease key and owner, in characters. */
  public static final int MAX_NAME_LENGTH = 256;

  public Lease {
    checkName(leaseKey, "leaseKey");
    if (owner != null) {
      checkName(owner, "owner");
    }
    Objects.requireNonNull(checkpoint, "checkpoint");
    parentShardIds = Set.copyOf(parentShardIds);
    if (counter < 0) {
      throw new IllegalArgumentException("negative lease counter " + counter);
    }
    if (parentShardIds.size() > 2) {
      throw new IllegalArgumentException("a shard has at most two parents, got " + parentShardIds);
    }
    parentShardIds.forEach(p -> checkName(p, "parentShardId"));
  }

  private static void checkName(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || value.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(what + " must be 1.." + MAX_NAME_LENGTH + " characters");
    }
  }

  /** A new, free lease starting at {@code checkpoint}. */
  public static Lease create(String shardId, Checkpoint checkpoint, Set<String> parentShardIds) {
    return new Lease(shardId, null, 0, checkpoint, null, parentShardIds);
  }

  public boolean isFinished() {
    return checkpoint.isShardEnd();
  }

  public Lease withOwner(String newOwner) {
    return new Lease(leaseKey, newOwner, counter, checkpoint, pendingCheckpoint, parentShardIds);
  }

  public Lease withCheckpoint(Checkpoint newCheckpoint) {
    return new Lease(leaseKey, owner, counter, newCheckpoint, null, parentShardIds);
  }

  public Lease withPendingCheckpoint(Checkpoint pending) {
    return new Lease(leaseKey, owner, counter, checkpoint, pending, parentShardIds);
  }

  Lease withCounter(long newCounter) {
    return new Lease(leaseKey, owner, newCounter, checkpoint, pendingCheckpoint, parentShardIds);
  }
}
