package dev.argus.datastream.api;

import static dev.argus.datastream.api.Documents.doc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import dev.argus.awshttp.protocol.Protocol;
import dev.argus.datastream.engine.ChildShard;
import dev.argus.datastream.engine.PutOutcome;
import dev.argus.datastream.engine.RecordBatch;
import dev.argus.datastream.engine.StreamRecord;
import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The oracle for the hand-written hot responses: the Map-based documents they replaced, stated
 * here as the old code built them (ordered maps, null members left out, {@code byte[]} data and
 * {@link Instant} arrival times left to the protocol's mapper), random engine values to fill them,
 * and the comparison of both encodings by the same {@link Protocol}.
 */
final class WireOracle {

  private static final String TIMESTAMP_MEMBER = "ApproximateArrivalTimestamp";

  private WireOracle() {
  }

  /** Seeds 1..{@code seeds}, each in awsJson1.1 and in CBOR: the arguments of the oracle tests. */
  static Stream<Arguments> inBothProtocols(int seeds) {
    return LongStream.rangeClosed(1, seeds).boxed().flatMap(seed -> Stream.of(
        Arguments.of(Protocol.AWS_JSON_1_1, seed), Arguments.of(Protocol.AWS_CBOR_1_1, seed)));
  }

  // ---- the old documents ----

  static Map<String, Object> oldPutRecord(ShardId shard, SequenceNumber number) {
    return doc("ShardId", shard.toString(), "SequenceNumber", number.toString(), "EncryptionType", "NONE");
  }

  static Map<String, Object> oldPutRecords(List<PutOutcome> outcomes) {
    int failed = 0;
    List<Map<String, Object>> results = new ArrayList<>();
    for (PutOutcome outcome : outcomes) {
      if (outcome instanceof PutOutcome.Stored stored) {
        results.add(doc("SequenceNumber", stored.sequenceNumber().toString(), "ShardId", stored.shard().toString()));
      } else if (outcome instanceof PutOutcome.Failed f) {
        failed++;
        results.add(doc("ErrorCode", f.errorCode(), "ErrorMessage", f.errorMessage()));
      }
    }
    return doc("FailedRecordCount", failed, "Records", results, "EncryptionType", "NONE");
  }

  static Map<String, Object> oldGetRecords(RecordBatch batch) {
    return doc("Records", batch.records().stream().map(WireOracle::oldRecord).toList(),
        "NextShardIterator", batch.nextShardIterator(), "MillisBehindLatest", batch.millisBehindLatest(),
        "ChildShards", batch.childShards().isEmpty() ? null : batch.childShards().stream().map(WireOracle::oldChild).toList());
  }

  static Map<String, Object> oldSubscribeEvent(RecordBatch batch) {
    boolean end = batch.nextShardIterator() == null;
    return doc("Records", batch.records().stream().map(WireOracle::oldRecord).toList(),
        "ContinuationSequenceNumber", end ? null : batch.continuation().toString(),
        "MillisBehindLatest", batch.millisBehindLatest(),
        "ChildShards", end ? batch.childShards().stream().map(WireOracle::oldChild).toList() : null);
  }

  private static Map<String, Object> oldRecord(StreamRecord record) {
    return doc("SequenceNumber", record.sequenceNumber().toString(),
        TIMESTAMP_MEMBER, Instant.ofEpochMilli(record.arrivalMillis()),
        "Data", record.data(), "PartitionKey", record.partitionKey());
  }

  private static Map<String, Object> oldChild(ChildShard child) {
    return doc("ShardId", child.shard().toString(),
        "ParentShards", child.parents().stream().map(ShardId::toString).toList(),
        "HashKeyRange", doc("StartingHashKey", child.hashKeyRange().start().toString(),
            "EndingHashKey", child.hashKeyRange().end().toString()));
  }

  // ---- the comparison ----

  /**
   * Encodes both with {@code protocol} and asserts equal decoded trees and equal bytes; in CBOR
   * also that every arrival timestamp carries tag 1. Returns the new encoding's bytes.
   */
  static byte[] assertSameWire(Protocol protocol, EncodedDocument fast, Map<String, Object> old) throws IOException {
    byte[] fastBytes = protocol.encode(fast);
    byte[] oldBytes = protocol.encode(old);
    assertThat(protocol.decode(fastBytes)).isEqualTo(protocol.decode(oldBytes));
    assertThat(fastBytes).isEqualTo(oldBytes);
    if (protocol.isCbor()) {
      assertThat(taggedTimestamps(fastBytes)).isEqualTo(countTimestamps(old));
    }
    return fastBytes;
  }

  /** How many ApproximateArrivalTimestamp members of the CBOR body carry tag 1; fails on any that does not. */
  static int taggedTimestamps(byte[] cbor) throws IOException {
    int tagged = 0;
    try (CBORParser parser = new CBORFactory().createParser(cbor)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME && TIMESTAMP_MEMBER.equals(parser.currentName())) {
          assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
          assertThat(parser.getCurrentTag()).as("tag of a timestamp").isEqualTo(1);
          tagged++;
        }
      }
    }
    return tagged;
  }

  @SuppressWarnings("unchecked")
  private static int countTimestamps(Map<String, Object> old) {
    Object records = old.get("Records");
    if (!(records instanceof List<?> list)) {
      return 0;
    }
    return (int) list.stream().filter(r -> ((Map<String, Object>) r).containsKey(TIMESTAMP_MEMBER)).count();
  }

  // ---- random engine values ----

  static ShardId shard(Random random) {
    return new ShardId(random.nextInt(4) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(8));
  }

  static SequenceNumber number(Random random) {
    long position = random.nextInt(3) == 0 ? random.nextLong() & Long.MAX_VALUE : random.nextInt(1_000_000);
    return new SequenceNumber(shard(random), position);
  }

  /** Arrival times: whole seconds, a few millis past one, or anywhere, around now and the epoch. */
  static long arrival(Random random) {
    long base = random.nextInt(10) == 0 ? random.nextInt(100_000) : 1_700_000_000_000L + random.nextInt(1 << 30);
    return switch (random.nextInt(3)) {
      case 0 -> base - base % 1000;
      case 1 -> base - base % 1000 + random.nextInt(10) * (random.nextBoolean() ? 1 : 10);
      default -> base;
    };
  }

  /** Keys of 1 to 256 chars, ASCII or not (JSON escapes and multi-byte UTF-8 included). */
  static String partitionKey(Random random) {
    String alphabet = "abcXYZ019-_\"\\/\u00e9\u4e2d\ud83d\ude00\n\t ";
    StringBuilder key = new StringBuilder();
    int length = 1 + random.nextInt(random.nextBoolean() ? 16 : 256);
    while (key.length() < length) {
      int at = random.nextInt(alphabet.length());
      if (Character.isHighSurrogate(alphabet.charAt(at))) {
        key.append(alphabet, at, at + 2);
      } else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
        key.append(alphabet.charAt(at));
      }
    }
    return key.toString();
  }

  /** Data of 0 to 2000 bytes, empty a tenth of the time. */
  static byte[] data(Random random) {
    byte[] data = new byte[random.nextInt(10) == 0 ? 0 : random.nextInt(2001)];
    random.nextBytes(data);
    return data;
  }

  static StreamRecord record(Random random) {
    return new StreamRecord(number(random), arrival(random), partitionKey(random), data(random));
  }

  /**
   * A batch of 0 to 59 records; a quarter are a closed shard's end (no next iterator), with or
   * without children, and a few before the end name a child too.
   */
  static RecordBatch batch(Random random) {
    List<StreamRecord> records = new ArrayList<>();
    int count = random.nextInt(5) == 0 ? 0 : random.nextInt(60);
    for (int i = 0; i < count; i++) {
      records.add(record(random));
    }
    boolean closedEnd = random.nextInt(4) == 0;
    List<ChildShard> children = new ArrayList<>();
    if (closedEnd && random.nextBoolean()) {
      for (int i = 1 + random.nextInt(2); i > 0; i--) {
        children.add(child(random));
      }
    } else if (!closedEnd && random.nextInt(8) == 0) {
      children.add(child(random));
    }
    String next = closedEnd ? null : "AAAA" + Long.toHexString(random.nextLong()) + "/+=";
    return new RecordBatch(records, next, random.nextBoolean() ? 0 : random.nextInt(86_400_000), children,
        number(random));
  }

  static ChildShard child(Random random) {
    BigInteger a = new BigInteger(128, random);
    BigInteger b = new BigInteger(128, random);
    List<ShardId> parents = random.nextBoolean() ? List.of(shard(random)) : List.of(shard(random), shard(random));
    return new ChildShard(shard(random), parents, new HashKeyRange(a.min(b), a.max(b)));
  }

  static PutOutcome outcome(Random random) {
    if (random.nextInt(3) == 0) {
      return random.nextBoolean()
          ? new PutOutcome.Failed("ProvisionedThroughputExceededException", "Rate exceeded for shard "
              + shard(random) + " in stream s under account 000000000000.")
          : new PutOutcome.Failed("InternalFailure", "Internal service failure: " + partitionKey(random));
    }
    return new PutOutcome.Stored(shard(random), number(random));
  }
}
