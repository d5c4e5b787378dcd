package dev.argus.datastream.lease;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges which leases have expired, from one worker's point of view: a lease is expired when it is
 * free, or when this worker has not seen its counter change for the failover time on its own clock.
 * Owners' clocks never enter it, so clock skew between machines does not matter.
 *
 * <p>A lease first seen owned counts as just renewed, so a worker that starts takes a lease over at
 * the earliest one failover time later.
 *
 * <p>Memory: one entry per lease in the last {@link #observe} call. Not thread-safe: one scheduler
 * thread observes and asks.
 */
public final class LeaseExpiry {

  /** How long a lease may go unrenewed before others take it: KCL's default failover time. */
  public static final Duration DEFAULT_FAILOVER = Duration.ofSeconds(10);

  private final Duration failover;
  private final Clock clock;
  /** Per lease key: the counter last seen, and when this worker first saw that counter. */
  private final Map<String, Seen> seen = new HashMap<>();

  private record Seen(long counter, String owner, long sinceMillis) {}

  public LeaseExpiry(Duration failover, Clock clock) {
    if (failover.isNegative() || failover.isZero()) {
      throw new IllegalArgumentException("failover must be positive");
    }
    this.failover = failover;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Records a fresh listing of the table; forgets leases no longer in it. */
  public void observe(List<Lease> leases) {
    long now = clock.millis();
    Set<String> keys = leases.stream().map(Lease::leaseKey).collect(Collectors.toSet());
    seen.keySet().retainAll(keys);
    for (Lease lease : leases) {
      Seen before = seen.get(lease.leaseKey());
      if (before == null || before.counter != lease.counter() || !Objects.equals(before.owner, lease.owner())) {
        seen.put(lease.leaseKey(), new Seen(lease.counter(), lease.owner(), now));
      }
    }
  }

  /** Whether another worker may take the lease now, judged from the last {@link #observe}. */
  public boolean isExpired(Lease lease) {
    if (lease.owner() == null) {
      return true;
    }
    Seen last = seen.get(lease.leaseKey());
    if (last == null || last.counter != lease.counter()) {
      return false;
    }
    return clock.millis() - last.sinceMillis >= failover.toMillis();
  }

  public Duration failover() {
    return failover;
  }
}
