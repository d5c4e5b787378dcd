package dev.argus.fragmentstore.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AckTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void persistedAckHasTheKvsShape() throws Exception {
    String number = "1" + "0".repeat(46);
    byte[] wire = Ack.of(Ack.Type.PERSISTED, 1_519_762_394_478L, number).encode();
    String text = new String(wire, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo("{\"EventType\":\"PERSISTED\",\"FragmentTimecode\":1519762394478,\"FragmentNumber\":\""
        + number + "\"}\n");
  }

  @Test
  void errorAckCarriesIdAndName() throws Exception {
    JsonNode json = MAPPER.readTree(Ack.error(AckErrorCode.FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS, 5L, null).encode());
    assertThat(json.get("EventType").asText()).isEqualTo("ERROR");
    assertThat(json.get("ErrorId").isInt()).isTrue();
    assertThat(json.get("ErrorId").asInt()).isEqualTo(4004);
    assertThat(json.get("ErrorCode").asText()).isEqualTo("FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS");
    assertThat(json.get("FragmentTimecode").asLong()).isEqualTo(5);
    assertThat(json.has("FragmentNumber")).isFalse();
  }

  @Test
  void idleIsJustItsType() {
    assertThat(new String(Ack.idle().encode(), StandardCharsets.UTF_8)).isEqualTo("{\"EventType\":\"IDLE\"}\n");
  }

  @Test
  void errorIdsAreTheDocumentedOnesAndDistinct() {
    Set<Integer> ids = new HashSet<>();
    for (AckErrorCode code : AckErrorCode.values()) {
      assertThat(ids.add(code.id())).isTrue();
      assertThat(code.id()).satisfiesAnyOf(id -> assertThat(id).isBetween(4000, 4012),
          id -> assertThat(id).isBetween(5000, 5001));
    }
    assertThat(ids).hasSize(15);
    assertThat(AckErrorCode.INVALID_MKV_DATA.id()).isEqualTo(4006);
  }

  @Test
  void onlyErrorsHaveCodes() {
    assertThatThrownBy(() -> new Ack(Ack.Type.ERROR, null, null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Ack(Ack.Type.RECEIVED, 1L, "x", AckErrorCode.INTERNAL_ERROR))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
