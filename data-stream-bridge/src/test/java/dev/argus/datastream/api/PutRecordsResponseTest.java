package dev.argus.datastream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.protocol.Protocol;
import dev.argus.datastream.engine.PutOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PutRecords' hand-written encoding against the Map-based document it replaced, in JSON and CBOR. */
class PutRecordsResponseTest {

  static Stream<Arguments> seeds() {
    return WireOracle.inBothProtocols(40);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void encodesAsTheOldDocumentDid(Protocol protocol, long seed) throws Exception {
    Random random = new Random(seed);
    for (int round = 0; round < 5; round++) {
      List<PutOutcome> outcomes = new ArrayList<>();
      for (int i = random.nextInt(4) == 0 ? 1 : random.nextInt(501); i > 0; i--) {
        outcomes.add(WireOracle.outcome(random));
      }
      PutRecordsResponse response = new PutRecordsResponse(outcomes);
      byte[] bytes = WireOracle.assertSameWire(protocol, response, WireOracle.oldPutRecords(outcomes));
      JsonNode tree = protocol.decode(bytes);
      long failed = outcomes.stream().filter(PutOutcome.Failed.class::isInstance).count();
      assertThat(tree.get("FailedRecordCount").asLong()).isEqualTo(failed).isEqualTo(response.failedRecordCount());
      assertThat(tree.get("Records")).hasSize(outcomes.size());
    }
  }
}
