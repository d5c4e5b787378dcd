package dev.argus.datastream.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeaseCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void roundTripsRandomLeasesThroughJsonText() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      Lease lease = LeaseStoreContract.randomLease(random, "shardId-" + i);
      String text = JSON.writeValueAsString(LeaseCodec.encode(lease));
      assertThat(LeaseCodec.decode(JSON.readTree(text))).isEqualTo(lease);
    }
  }

  @Test
  void rejectsMalformedDocuments() throws Exception {
    ObjectNode valid = LeaseCodec.encode(LeaseStoreContract.randomLease(new Random(1), "s"));
    for (String field : new String[] {"LeaseKey", "Counter", "Checkpoint"}) {
      ObjectNode missing = valid.deepCopy();
      missing.remove(field);
      assertThatThrownBy(() -> LeaseCodec.decode(missing)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> LeaseCodec.decode(valid.deepCopy().put("Counter", "seven")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LeaseCodec.decode(valid.deepCopy().put("Counter", -1)))
        .isInstanceOf(IllegalArgumentException.class);
    ObjectNode badCheckpoint = valid.deepCopy();
    badCheckpoint.putObject("Checkpoint").put("SequenceNumber", "12a").put("SubSequenceNumber", 0);
    assertThatThrownBy(() -> LeaseCodec.decode(badCheckpoint)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LeaseCodec.decode(JSON.readTree("[1]"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomJsonIsRejectedCleanly() {
    Random random = new Random(7);
    String alphabet = "{}[]\":,0123456789abcLeaseKeyCounterCheckpoint ";
    int decoded = 0;
    for (int i = 0; i < 2_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int j = random.nextInt(60); j > 0; j--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        LeaseCodec.decode(JSON.readTree(text.toString()));
        decoded++;
      } catch (IllegalArgumentException | java.io.IOException expected) {
        // rejected cleanly
      }
    }
    assertThat(decoded).isZero();
  }
}
