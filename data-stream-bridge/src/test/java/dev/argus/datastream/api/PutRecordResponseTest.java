package dev.argus.datastream.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.awshttp.protocol.Protocol;
import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PutRecord's hand-written encoding against the Map-based document it replaced, in JSON and CBOR. */
class PutRecordResponseTest {

  static Stream<Arguments> seeds() {
    return WireOracle.inBothProtocols(10);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void encodesAsTheOldDocumentDid(Protocol protocol, long seed) throws Exception {
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      ShardId shard = WireOracle.shard(random);
      SequenceNumber number = WireOracle.number(random);
      WireOracle.assertSameWire(protocol, new PutRecordResponse(shard, number), WireOracle.oldPutRecord(shard, number));
    }
  }

  @Test
  void jsonNamesShardNumberAndEncryption() {
    SequenceNumber number = new SequenceNumber(new ShardId(2), 41);
    String json = new String(Protocol.AWS_JSON_1_1.encode(new PutRecordResponse(new ShardId(2), number)),
        StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"ShardId\":\"shardId-000000000002\",\"SequenceNumber\":\""
        + "100000000020000000000000000041\",\"EncryptionType\":\"NONE\"}");
  }
}
