package dev.argus.datastream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.protocol.Protocol;
import dev.argus.datastream.engine.RecordBatch;
import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SubscribeToShardEvent payload against the Map-based document it replaced, in JSON and CBOR. */
class SubscribeToShardEventTest {

  static Stream<Arguments> seeds() {
    return WireOracle.inBothProtocols(20);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void encodesAsTheOldDocumentDid(Protocol protocol, long seed) throws Exception {
    Random random = new Random(seed);
    for (int round = 0; round < 5; round++) {
      RecordBatch batch = WireOracle.batch(random);
      SubscribeToShardEvent event = new SubscribeToShardEvent(batch);
      JsonNode tree = protocol.decode(WireOracle.assertSameWire(protocol, event, WireOracle.oldSubscribeEvent(batch)));
      assertThat(tree.has("ContinuationSequenceNumber")).isEqualTo(!event.atEnd());
      assertThat(tree.has("ChildShards")).isEqualTo(event.atEnd());
    }
  }

  @Test
  void theLastEventCarriesEmptyChildShardsAndNoContinuation() {
    SequenceNumber last = new SequenceNumber(new ShardId(0), 12);
    String json = new String(Protocol.AWS_JSON_1_1.encode(
        new SubscribeToShardEvent(new RecordBatch(List.of(), null, 0, List.of(), last))), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"Records\":[],\"MillisBehindLatest\":0,\"ChildShards\":[]}");
  }
}
