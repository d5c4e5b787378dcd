package dev.argus.datastream.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.Messages;

class RecordDeaggregatorTest {

  private static final Instant ARRIVAL = Instant.parse("2026-11-25T22:00:00Z");

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 30).boxed();
  }

  /** An aggregate encoded by the KCL's own generated protobuf classes, a third-party encoder. */
  static byte[] kclEncoded(List<UserRecord> records, boolean withTags) {
    Messages.AggregatedRecord.Builder message = Messages.AggregatedRecord.newBuilder();
    List<String> partitionKeys = new ArrayList<>();
    List<String> hashKeys = new ArrayList<>();
    for (UserRecord record : records) {
      if (!partitionKeys.contains(record.partitionKey())) {
        partitionKeys.add(record.partitionKey());
        message.addPartitionKeyTable(record.partitionKey());
      }
      Messages.Record.Builder entry = Messages.Record.newBuilder()
          .setPartitionKeyIndex(partitionKeys.indexOf(record.partitionKey()))
          .setData(ByteString.copyFrom(record.data()));
      if (record.explicitHashKey() != null) {
        if (!hashKeys.contains(record.explicitHashKey())) {
          hashKeys.add(record.explicitHashKey());
          message.addExplicitHashKeyTable(record.explicitHashKey());
        }
        entry.setExplicitHashKeyIndex(hashKeys.indexOf(record.explicitHashKey()));
      }
      if (withTags) {
        entry.addTags(Messages.Tag.newBuilder().setKey("k").setValue("v"));
      }
      message.addRecords(entry);
    }
    return frame(message.build().toByteArray());
  }

  static byte[] frame(byte[] message) {
    byte[] out = new byte[4 + message.length + 16];
    System.arraycopy(KplFormat.MAGIC, 0, out, 0, 4);
    System.arraycopy(message, 0, out, 4, message.length);
    System.arraycopy(Md5.digest(message), 0, out, 4 + message.length, 16);
    return out;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void deaggregatesAggregatesEncodedByTheKclsGeneratedClasses(long seed) {
    Random random = new Random(seed);
    List<UserRecord> records = RandomRecords.generate(random, 1 + random.nextInt(100), 500);
    byte[] data = kclEncoded(records, random.nextBoolean());

    List<DeaggregatedRecord> out = RecordDeaggregator.deaggregate(new ReceivedRecord("99", ARRIVAL, "outer", data));

    assertThat(out).extracting(r -> new UserRecord(r.partitionKey(), r.explicitHashKey(), r.data()))
        .isEqualTo(records);
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.get(i).subSequenceNumber()).isEqualTo(i);
      assertThat(out.get(i).sequenceNumber()).isEqualTo("99");
      assertThat(out.get(i).approximateArrivalTimestamp()).isEqualTo(ARRIVAL);
      assertThat(out.get(i).aggregated()).isTrue();
    }
  }

  @Test
  void passesPlainRecordsThrough() {
    ReceivedRecord plain = new ReceivedRecord("5", ARRIVAL, "pk", new byte[] {1, 2, 3});

    assertThat(RecordDeaggregator.deaggregate(plain)).containsExactly(
        new DeaggregatedRecord("5", 0, false, ARRIVAL, "pk", null, new byte[] {1, 2, 3}));
  }

  @Test
  void passesThroughAnAggregateWithABadMd5() {
    byte[] data = kclEncoded(List.of(UserRecord.of("a", new byte[] {1})), false);
    data[data.length - 1] ^= 1;

    assertThat(RecordDeaggregator.deaggregate(new ReceivedRecord("5", ARRIVAL, "pk", data)))
        .singleElement().satisfies(r -> {
          assertThat(r.aggregated()).isFalse();
          assertThat(r.data()).isEqualTo(data);
        });
  }

  @Test
  void passesThroughAMatchingMd5OverBadProtobuf() {
    byte[] data = frame(new byte[] {(byte) 0x1A, 0x7F, 0x01});

    assertThat(RecordDeaggregator.deaggregate(new ReceivedRecord("5", ARRIVAL, "pk", data)))
        .singleElement().satisfies(r -> assertThat(r.aggregated()).isFalse());
  }

  @Test
  void passesThroughARecordThatIndexesPastTheKeyTable() {
    Messages.AggregatedRecord message = Messages.AggregatedRecord.newBuilder().addPartitionKeyTable("a")
        .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(3).setData(ByteString.copyFrom(new byte[1])))
        .build();
    byte[] data = frame(message.toByteArray());

    assertThat(RecordDeaggregator.deaggregate(new ReceivedRecord("5", ARRIVAL, "pk", data)))
        .singleElement().satisfies(r -> assertThat(r.data()).isEqualTo(data));
  }

  /**
   * Differential test against the real KCL: valid aggregates with bytes of their message mutated
   * and the MD5 recomputed, so the protobuf decoder sees damaged input. Both must agree on whether a
   * record is an aggregate and on its user records. Cases where the KCL itself fails (an index past
   * a table: it logs through javax.xml.bind, absent on Java 17) or yields keys Kinesis could never
   * have accepted (empty or over 256 characters, non-decimal hash keys, or hash keys outside
   * 0..2^128-1, where the KCL drops the aggregate and we pass it through) are skipped; most rounds
   * must still be compared.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithTheKclOnMutatedAggregates(long seed) {
    Random random = new Random(seed);
    int compared = 0;
    for (int round = 0; round < 200; round++) {
      byte[] valid = kclEncoded(RandomRecords.generate(random, 1 + random.nextInt(6), 20), random.nextBoolean());
      byte[] message = java.util.Arrays.copyOfRange(valid, 4, valid.length - 16);
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        message[random.nextInt(message.length)] = (byte) random.nextInt(256);
      }
      byte[] data = frame(message);
      List<KinesisClientRecord> theirs;
      try {
        theirs = new AggregatorUtil().deaggregate(List.of(KinesisClientRecord.builder().sequenceNumber("1")
            .approximateArrivalTimestamp(ARRIVAL).partitionKey("pk").data(ByteBuffer.wrap(data)).build()));
      } catch (LinkageError kclLoggingFailed) {
        continue;
      }
      if (theirs.stream().anyMatch(r -> !acceptable(r))) {
        continue;
      }
      List<DeaggregatedRecord> ours = RecordDeaggregator.deaggregate(new ReceivedRecord("1", ARRIVAL, "pk", data));
      if (theirs.isEmpty() && ours.size() == 1 && !ours.get(0).aggregated()) {
        // The KCL drops an aggregate with a hash key outside 0..2^128-1; we pass it through whole.
        continue;
      }
      assertThat(ours).extracting(DeaggregatedRecord::partitionKey, DeaggregatedRecord::explicitHashKey,
              DeaggregatedRecord::subSequenceNumber, DeaggregatedRecord::aggregated, r -> ByteBuffer.wrap(r.data()))
          .isEqualTo(theirs.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.partitionKey(),
              r.aggregated() ? r.explicitHashKey() : null, r.subSequenceNumber(), r.aggregated(), r.data())).toList());
      compared++;
    }
    assertThat(compared).as("rounds compared with the KCL").isGreaterThan(100);
  }

  private static boolean acceptable(KinesisClientRecord record) {
    if (!record.aggregated()) {
      return true;
    }
    String key = record.partitionKey();
    if (key.isEmpty() || key.length() > UserRecord.MAX_PARTITION_KEY_LENGTH) {
      return false;
    }
    try {
      if (record.explicitHashKey() != null) {
        UserRecord.checkHashKey(record.explicitHashKey());
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomGarbageBehindTheMagicPassesThroughWhole(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 100; round++) {
      byte[] message = new byte[random.nextInt(64)];
      random.nextBytes(message);
      byte[] data = random.nextBoolean() ? frame(message) : message;
      List<DeaggregatedRecord> out = RecordDeaggregator.deaggregate(new ReceivedRecord("3", ARRIVAL, "pk", data));
      // Either a valid (possibly empty) aggregate, as protobuf reads many short byte strings, or
      // the whole input as one plain record; never an exception, never a partial result.
      if (out.stream().anyMatch(r -> !r.aggregated())) {
        assertThat(out).singleElement().satisfies(r -> assertThat(r.data()).isEqualTo(data));
      } else {
        assertThat(KplFormat.isAggregate(data)).isTrue();
      }
    }
  }
}
