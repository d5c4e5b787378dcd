package dev.argus.datastream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.datastream.lease.Checkpoint;
import dev.argus.datastream.lease.InMemoryLeaseStore;
import dev.argus.datastream.lease.Lease;
import dev.argus.datastream.lease.LeaseStore;
import dev.argus.datastream.lease.LeaseStoreUnavailableException;
import dev.argus.datastream.lease.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeldLeaseTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T22:00:00Z"));
  private final InMemoryLeaseStore store = new InMemoryLeaseStore();

  private HeldLease take(LeaseStore through) {
    Lease lease = store.create(Lease.create("shard", Checkpoint.TRIM_HORIZON, Set.of()));
    return new HeldLease(through, "w", store.update(lease, lease.withOwner("w")), clock, Duration.ofSeconds(10));
  }

  @Test
  void renewalBumpsTheCounterAndKeepsTheLeaseHeld() {
    HeldLease held = take(store);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(3));
      held.renew();
    }

    assertThat(store.get("shard").orElseThrow().counter()).isEqualTo(6);
    assertThat(held.isHeld()).isTrue();
  }

  @Test
  void aRenewalThatFindsAnotherOwnerLosesTheLease() {
    HeldLease held = take(store);
    Lease current = store.get("shard").orElseThrow();
    store.update(current, current.withOwner("other"));

    held.renew();

    assertThat(held.isHeld()).isFalse();
    assertThat(store.get("shard").orElseThrow().owner()).isEqualTo("other");
  }

  @Test
  void anUnreachableStoreLetsTheLeaseLapseAfterTheFailoverTime() {
    Unreachable flaky = new Unreachable(store);
    HeldLease held = take(flaky);
    flaky.down = true;

    clock.advance(Duration.ofSeconds(9));
    held.renew();
    assertThat(held.isHeld()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    held.renew();
    assertThat(held.isHeld()).isFalse();
  }

  @Test
  void aWriteWhoseReplyWasLostIsRecognisedAsOurs() {
    HeldLease held = take(store);
    Lease current = store.get("shard").orElseThrow();
    store.update(current, current); // our own renewal applied, its reply lost

    held.renew();

    assertThat(held.isHeld()).isTrue();
    assertThat(store.get("shard").orElseThrow().counter()).isEqualTo(current.counter() + 2);
  }

  @Test
  void releaseFreesTheLeaseAndStopsRenewals() {
    HeldLease held = take(store);

    assertThat(held.release()).isPresent();
    long counter = store.get("shard").orElseThrow().counter();
    held.renew();

    assertThat(store.get("shard").orElseThrow().owner()).isNull();
    assertThat(store.get("shard").orElseThrow().counter()).isEqualTo(counter);
    assertThat(held.isHeld()).isFalse();
  }

  /** The real store behind a switch that makes every call fail as an outage would. */
  private static final class Unreachable implements LeaseStore {
    private final LeaseStore delegate;
    volatile boolean down;

    Unreachable(LeaseStore delegate) {
      this.delegate = delegate;
    }

    private void check() {
      if (down) {
        throw new LeaseStoreUnavailableException("connection refused", null);
      }
    }

    @Override
    public void createTableIfNotExists() {
      check();
    }

    @Override
    public List<Lease> list() {
      check();
      return delegate.list();
    }

    @Override
    public Optional<Lease> get(String leaseKey) {
      check();
      return delegate.get(leaseKey);
    }

    @Override
    public Lease create(Lease lease) {
      check();
      return delegate.create(lease);
    }

    @Override
    public Lease update(Lease expected, Lease desired) {
      check();
      return delegate.update(expected, desired);
    }

    @Override
    public void delete(Lease expected) {
      check();
      delegate.delete(expected);
    }
  }
}
