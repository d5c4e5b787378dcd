package dev.argus.datastream.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class RecordAggregatorTest {

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 30).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void roundTripsThroughOurDeaggregatorInOrderWithinTheLimit(long seed) {
    Random random = new Random(seed);
    List<UserRecord> records = RandomRecords.generate(random, 1 + random.nextInt(300), random.nextInt(3) == 0 ? 5000 : 300);
    int limit = 2_000 + random.nextInt(60_000);

    List<AggregatedRecord> aggregates = RecordAggregator.aggregateAll(records, limit);

    List<UserRecord> back = new ArrayList<>();
    for (int i = 0; i < aggregates.size(); i++) {
      AggregatedRecord aggregate = aggregates.get(i);
      assertThat(aggregate.billedSize()).isLessThanOrEqualTo(limit);
      List<DeaggregatedRecord> users = RecordDeaggregator.deaggregate(received(String.valueOf(i), aggregate));
      assertThat(users).hasSize(aggregate.userRecordCount());
      for (int sub = 0; sub < users.size(); sub++) {
        DeaggregatedRecord user = users.get(sub);
        assertThat(user.aggregated()).isTrue();
        assertThat(user.subSequenceNumber()).isEqualTo(sub);
        back.add(new UserRecord(user.partitionKey(), user.explicitHashKey(), user.data()));
      }
      assertThat(aggregate.partitionKey()).isEqualTo(users.get(0).partitionKey());
    }
    assertThat(back).isEqualTo(records);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void closesAnAggregateOnlyWhenTheNextRecordWouldNotFit(long seed) {
    Random random = new Random(seed);
    List<UserRecord> records = RandomRecords.generate(random, 200, 400);
    int limit = 1_000 + random.nextInt(10_000);
    List<AggregatedRecord> aggregates = RecordAggregator.aggregateAll(records, limit);

    int next = 0;
    for (AggregatedRecord aggregate : aggregates) {
      next += aggregate.userRecordCount();
      if (next < records.size()) {
        RecordAggregator probe = new RecordAggregator(RecordAggregator.MAX_AGGREGATE_BYTES);
        records.subList(next - aggregate.userRecordCount(), next + 1).forEach(probe::add);
        assertThat(probe.billedSize()).as("the aggregate plus the record after it").isGreaterThan(limit);
      }
    }
    assertThat(next).isEqualTo(records.size());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void theRealKclDeaggregatesOurAggregates(long seed) {
    Random random = new Random(seed);
    List<UserRecord> records = RandomRecords.generate(random, 1 + random.nextInt(200), 700);
    List<AggregatedRecord> aggregates = RecordAggregator.aggregateAll(records, 10_000 + random.nextInt(100_000));

    List<UserRecord> back = new ArrayList<>();
    for (AggregatedRecord aggregate : aggregates) {
      List<KinesisClientRecord> users = new AggregatorUtil().deaggregate(List.of(kclRecord("7", aggregate)));
      for (int sub = 0; sub < users.size(); sub++) {
        KinesisClientRecord user = users.get(sub);
        assertThat(user.aggregated()).isTrue();
        assertThat(user.subSequenceNumber()).isEqualTo(sub);
        assertThat(user.sequenceNumber()).isEqualTo("7");
        back.add(new UserRecord(user.partitionKey(), user.explicitHashKey(), bytes(user.data())));
      }
    }
    assertThat(back).isEqualTo(records);
  }

  @Test
  void theKclDropsAWholeAggregateWhenOneUserRecordFallsOutsideTheShardRange() {
    // Why the aggregator's contract is one aggregator per shard hash range.
    UserRecord low = new UserRecord("a", "10", new byte[] {1});
    UserRecord high = new UserRecord("b", "1000", new byte[] {2});
    AggregatedRecord aggregate = RecordAggregator.aggregateAll(List.of(low, high), 1_000).get(0);

    assertThat(new AggregatorUtil().deaggregate(List.of(kclRecord("1", aggregate)), "0", "100")).isEmpty();
    assertThat(new AggregatorUtil().deaggregate(List.of(kclRecord("1", aggregate)), "0", "1000"))
        .extracting(KinesisClientRecord::partitionKey).containsExactly("a", "b");
  }

  @Test
  void routesTheAggregateByItsFirstRecord() {
    UserRecord first = UserRecord.of("camera-7", new byte[] {1});
    UserRecord second = new UserRecord("camera-8", "12345", new byte[] {2});

    AggregatedRecord aggregate = RecordAggregator.aggregateAll(List.of(first, second), 1_000).get(0);

    assertThat(aggregate.partitionKey()).isEqualTo("camera-7");
    assertThat(aggregate.explicitHashKey()).isEqualTo(first.effectiveHashKey().toString());
    assertThat(aggregate.userRecordCount()).isEqualTo(2);
    assertThat(Arrays.copyOf(aggregate.data(), 4)).containsExactly(0xF3, 0x89, 0x9A, 0xC2);
    int messageEnd = aggregate.data().length - 16;
    assertThat(Arrays.copyOfRange(aggregate.data(), messageEnd, aggregate.data().length))
        .isEqualTo(Md5.digest(Arrays.copyOfRange(aggregate.data(), 4, messageEnd)));
  }

  @Test
  void storesEachKeyOnceInItsTable() {
    List<UserRecord> records = IntStream.range(0, 50)
        .mapToObj(i -> new UserRecord("same-key", "42", new byte[] {(byte) i})).toList();

    AggregatedRecord aggregate = RecordAggregator.aggregateAll(records, 10_000).get(0);

    String text = new String(aggregate.data(), StandardCharsets.ISO_8859_1);
    assertThat(text.split("same-key", -1)).hasSize(2);
  }

  @Test
  void refusesARecordThatCannotFitAloneAndKeepsWhatIsOpen() {
    RecordAggregator aggregator = new RecordAggregator(200);
    aggregator.add(UserRecord.of("k", new byte[10]));

    assertThatThrownBy(() -> aggregator.add(UserRecord.of("k", new byte[200])))
        .isInstanceOf(RecordTooLargeException.class);
    assertThat(aggregator.userRecordCount()).isEqualTo(1);
    assertThat(aggregator.flush()).hasValueSatisfying(a -> assertThat(a.userRecordCount()).isEqualTo(1));
    assertThat(aggregator.flush()).isEmpty();
    assertThat(aggregator.billedSize()).isZero();
  }

  @Test
  void anEmptyDataRecordStillRoundTrips() {
    AggregatedRecord aggregate = RecordAggregator.aggregateAll(List.of(UserRecord.of("k", new byte[0])), 100).get(0);

    assertThat(RecordDeaggregator.deaggregate(received("1", aggregate)))
        .singleElement().satisfies(r -> assertThat(r.data()).isEmpty());
  }

  @Test
  void rejectsLimitsOutsideKinesisBounds() {
    assertThatThrownBy(() -> new RecordAggregator(20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecordAggregator(RecordAggregator.MAX_AGGREGATE_BYTES + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static ReceivedRecord received(String sequenceNumber, AggregatedRecord aggregate) {
    return new ReceivedRecord(sequenceNumber, Instant.EPOCH, aggregate.partitionKey(), aggregate.data());
  }

  static KinesisClientRecord kclRecord(String sequenceNumber, AggregatedRecord aggregate) {
    return KinesisClientRecord.builder().sequenceNumber(sequenceNumber).approximateArrivalTimestamp(Instant.EPOCH)
        .partitionKey(aggregate.partitionKey()).data(ByteBuffer.wrap(aggregate.data())).build();
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
