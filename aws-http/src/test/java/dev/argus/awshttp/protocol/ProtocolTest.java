package dev.argus.awshttp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import dev.argus.awshttp.api.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolTest {

  record Summary(String streamName, String streamARN, Instant created, byte[] data, String absent) {
  }

  private static final Instant T = Instant.ofEpochMilli(1_519_423_069_070L);

  @Test
  void picksProtocolFromContentType() {
    assertThat(Protocol.of("application/x-amz-cbor-1.1", true)).isEqualTo(Protocol.AWS_CBOR_1_1);
    assertThat(Protocol.of("application/x-amz-json-1.1", true)).isEqualTo(Protocol.AWS_JSON_1_1);
    assertThat(Protocol.of(null, true)).isEqualTo(Protocol.AWS_JSON_1_1);
    assertThat(Protocol.of("application/json", false)).isEqualTo(Protocol.REST_JSON);
    assertThat(Protocol.of(null, false)).isEqualTo(Protocol.REST_JSON);
  }

  @Test
  void jsonWritesPascalCaseMembersSecondsAndBase64AndOmitsNulls() throws Exception {
    byte[] bytes = Protocol.AWS_JSON_1_1.encode(new Summary("s", "arn:x", T, new byte[] {1, 2}, null));
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).contains("\"StreamName\":\"s\"", "\"StreamARN\":\"arn:x\"", "\"Created\":1519423069.070",
        "\"Data\":\"AQI=\"").doesNotContain("Absent");
  }

  @Test
  void cborWritesTaggedEpochMillisAndByteStrings() throws Exception {
    byte[] bytes = Protocol.AWS_CBOR_1_1.encode(new Summary("s", "arn:x", T, new byte[] {1, 2}, null));
    CBORFactory factory = new CBORFactory();
    boolean sawTaggedMillis = false;
    try (CBORParser parser = factory.createParser(bytes)) {
      while (parser.nextToken() != null) {
        if ("Created".equals(parser.currentName()) && parser.currentToken().isNumeric()) {
          sawTaggedMillis = parser.getCurrentTag() == 1 && parser.getLongValue() == T.toEpochMilli();
        }
      }
    }
    assertThat(sawTaggedMillis).isTrue();
    JsonNode tree = new ObjectMapper(factory).readTree(bytes);
    assertThat(tree.get("Data").isBinary()).isTrue();
    assertThat(tree.get("Data").binaryValue()).containsExactly(1, 2);
  }

  @Test
  void readsTimestampsInEachEncoding() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(Protocol.AWS_JSON_1_1.readTimestamp(json.readTree("1519423069.07"))).isEqualTo(T);
    assertThat(Protocol.AWS_JSON_1_1.readTimestamp(json.readTree("\"2018-02-23T21:57:49.070Z\""))).isEqualTo(T);
    byte[] cbor = new ObjectMapper(new CBORFactory()).writeValueAsBytes(Map.of("T", T.toEpochMilli()));
    JsonNode node = Protocol.AWS_CBOR_1_1.decode(cbor).get("T");
    assertThat(Protocol.AWS_CBOR_1_1.readTimestamp(node)).isEqualTo(T);
    assertThat(Protocol.AWS_JSON_1_1.readTimestamp(null)).isNull();
    assertThatThrownBy(() -> Protocol.AWS_JSON_1_1.readTimestamp(json.readTree("\"yesterday\"")))
        .isInstanceOf(AwsException.class).hasMessageContaining("yesterday");
  }

  @Test
  void decodeRejectsGarbageWithSerializationException() {
    for (String garbage : new String[] {"{", "nul", "\"text\"", "{\"a\":}", "{} {"}) {
      assertThatThrownBy(() -> Protocol.AWS_JSON_1_1.decode(garbage.getBytes(StandardCharsets.UTF_8)))
          .as(garbage)
          .isInstanceOfSatisfying(AwsException.class,
              e -> assertThat(e.type().name()).isEqualTo("SerializationException"));
    }
    assertThat(Protocol.REST_JSON.decode(new byte[0]).isObject()).isTrue();
  }

  @Test
  void convertMapsPascalCaseOntoRecords() {
    JsonNode body = Protocol.AWS_JSON_1_1.decode("{\"StreamName\":\"cam\",\"Unknown\":1}".getBytes(StandardCharsets.UTF_8));
    Summary summary = Protocol.AWS_JSON_1_1.convert(body, Summary.class);
    assertThat(summary.streamName()).isEqualTo("cam");
    assertThat(summary.data()).isNull();
  }

  @Test
  void errorBodyHasAwsShape() throws Exception {
    byte[] body = ErrorBodies.encode(Protocol.REST_JSON, new dev.argus.awshttp.api.ErrorType("XException", 404), "gone");
    JsonNode tree = new ObjectMapper().readTree(body);
    assertThat(tree.get("__type").asText()).isEqualTo("XException");
    assertThat(tree.get("message").asText()).isEqualTo("gone");
  }
}
