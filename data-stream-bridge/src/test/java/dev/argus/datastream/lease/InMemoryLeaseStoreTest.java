package dev.argus.datastream.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InMemoryLeaseStoreTest {

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 25).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void followsTheConditionalUpdateContractOfTheModel(long seed) {
    LeaseStoreContract.run(new InMemoryLeaseStore(), seed, 400);
  }

  @Test
  void onlyOneOfTwoRacingTakersWins() {
    InMemoryLeaseStore store = new InMemoryLeaseStore();
    Lease read = store.create(Lease.create("shardId-000000000000", Checkpoint.TRIM_HORIZON, Set.of()));

    Lease won = store.update(read, read.withOwner("a"));

    assertThatThrownBy(() -> store.update(read, read.withOwner("b"))).isInstanceOf(LeaseConflictException.class);
    assertThat(store.list()).containsExactly(won);
    assertThat(won.owner()).isEqualTo("a");
    assertThat(won.counter()).isEqualTo(1);
  }

  @Test
  void refusesCreatesPastItsBound() {
    InMemoryLeaseStore store = new InMemoryLeaseStore(1);
    store.create(Lease.create("a", Checkpoint.LATEST, Set.of()));

    assertThatThrownBy(() -> store.create(Lease.create("b", Checkpoint.LATEST, Set.of())))
        .isInstanceOf(LeaseStoreUnavailableException.class);
    assertThat(store.list()).extracting(Lease::leaseKey).isEqualTo(List.of("a"));
  }
}
