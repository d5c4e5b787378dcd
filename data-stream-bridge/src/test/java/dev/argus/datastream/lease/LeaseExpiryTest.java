package dev.argus.datastream.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaseExpiryTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T22:00:00Z"));
  private final LeaseExpiry expiry = new LeaseExpiry(Duration.ofSeconds(10), clock);
  private final Lease owned = new Lease("s", "other", 5, Checkpoint.TRIM_HORIZON, null, Set.of());

  @Test
  void aFreeLeaseIsAlwaysAvailable() {
    assertThat(expiry.isExpired(owned.withOwner(null))).isTrue();
  }

  @Test
  void anOwnedLeaseExpiresOneFailoverAfterItsCounterLastMoved() {
    expiry.observe(List.of(owned));
    clock.advance(Duration.ofMillis(9_999));
    expiry.observe(List.of(owned));
    assertThat(expiry.isExpired(owned)).isFalse();

    clock.advance(Duration.ofMillis(1));
    assertThat(expiry.isExpired(owned)).isTrue();
  }

  @Test
  void aRenewalRestartsTheWait() {
    expiry.observe(List.of(owned));
    clock.advance(Duration.ofSeconds(8));
    Lease renewed = owned.withCounter(6);
    expiry.observe(List.of(renewed));
    clock.advance(Duration.ofSeconds(8));

    assertThat(expiry.isExpired(renewed)).isFalse();
    assertThat(expiry.isExpired(owned)).as("a stale copy is never judged expired").isFalse();
  }

  @Test
  void anUnobservedLeaseIsNotExpired() {
    clock.advance(Duration.ofMinutes(5));
    assertThat(expiry.isExpired(owned)).isFalse();
  }

  @Test
  void forgetsLeasesThatLeftTheTable() {
    expiry.observe(List.of(owned));
    clock.advance(Duration.ofSeconds(20));
    expiry.observe(List.of());
    assertThat(expiry.isExpired(owned)).isFalse();
  }
}
