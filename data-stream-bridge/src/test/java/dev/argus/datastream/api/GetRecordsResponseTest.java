package dev.argus.datastream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.protocol.Protocol;
import dev.argus.datastream.engine.RecordBatch;
import dev.argus.datastream.engine.StreamRecord;
import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GetRecords' hand-written encoding against the Map-based document it replaced, in JSON and CBOR. */
class GetRecordsResponseTest {

  static Stream<Arguments> seeds() {
    return WireOracle.inBothProtocols(40);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void encodesAsTheOldDocumentDid(Protocol protocol, long seed) throws Exception {
    Random random = new Random(seed);
    for (int round = 0; round < 5; round++) {
      RecordBatch batch = WireOracle.batch(random);
      byte[] bytes = WireOracle.assertSameWire(protocol, new GetRecordsResponse(batch), WireOracle.oldGetRecords(batch));
      JsonNode tree = protocol.decode(bytes);
      assertThat(tree.get("Records")).hasSize(batch.records().size());
      assertThat(tree.has("NextShardIterator")).isEqualTo(batch.nextShardIterator() != null);
      assertThat(tree.has("ChildShards")).isEqualTo(!batch.childShards().isEmpty());
    }
  }

  @Test
  void jsonCarriesBase64DataAndSecondsWithThreeFractionDigits() {
    StreamRecord whole = new StreamRecord(new SequenceNumber(new ShardId(1), 7), 1_519_423_069_000L, "k",
        new byte[] {0, 1, 2, (byte) 0xff});
    StreamRecord millis = new StreamRecord(new SequenceNumber(new ShardId(1), 8), 1_519_423_069_070L, "k", new byte[0]);
    RecordBatch batch = new RecordBatch(List.of(whole, millis), null, 0, List.of(), new SequenceNumber(new ShardId(1), 8));
    String json = new String(Protocol.AWS_JSON_1_1.encode(new GetRecordsResponse(batch)), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"Records\":[{\"SequenceNumber\":\"" + whole.sequenceNumber()
        + "\",\"ApproximateArrivalTimestamp\":1519423069.000,\"Data\":\""
        + Base64.getEncoder().encodeToString(whole.data()) + "\",\"PartitionKey\":\"k\"},"
        + "{\"SequenceNumber\":\"" + millis.sequenceNumber()
        + "\",\"ApproximateArrivalTimestamp\":1519423069.070,\"Data\":\"\",\"PartitionKey\":\"k\"}],"
        + "\"MillisBehindLatest\":0}");
  }

  @Test
  void cborCarriesTaggedMillisAndByteStrings() throws Exception {
    StreamRecord record = new StreamRecord(new SequenceNumber(new ShardId(3), 1), 1_519_423_069_070L, "k",
        new byte[] {9, 8, 7});
    RecordBatch batch = new RecordBatch(List.of(record), "it", 5, List.of(), record.sequenceNumber());
    byte[] bytes = Protocol.AWS_CBOR_1_1.encode(new GetRecordsResponse(batch));
    assertThat(WireOracle.taggedTimestamps(bytes)).isEqualTo(1);
    JsonNode got = Protocol.AWS_CBOR_1_1.decode(bytes).get("Records").get(0);
    assertThat(got.get("ApproximateArrivalTimestamp").longValue()).isEqualTo(1_519_423_069_070L);
    assertThat(got.get("Data").isBinary()).isTrue();
    assertThat(got.get("Data").binaryValue()).containsExactly(9, 8, 7);
  }
}
