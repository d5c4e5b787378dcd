package dev.argus.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.net.URI;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The light client's bodies: the same records as base64 text in JSON and as byte strings in CBOR. */
class RawPutRecordsTest {

  private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

  @Test
  void aJsonBodyCarriesEachRecordAsBase64Text() throws Exception {
    byte[] body = new RawPutRecords(NOWHERE, false).body("s", 3, 100, new Random(1));

    JsonNode root = new ObjectMapper().readTree(body);
    assertThat(root.path("StreamName").asText()).isEqualTo("s");
    assertThat(root.path("Records")).hasSize(3).allSatisfy(record -> {
      assertThat(record.path("Data").isTextual()).as(record.toString()).isTrue();
      assertThat(Base64.getDecoder().decode(record.path("Data").asText())).hasSize(100);
      assertThat(record.path("PartitionKey").asText()).startsWith("pk-");
    });
  }

  @Test
  void aCborBodyCarriesTheSameRecordsAsByteStrings() throws Exception {
    byte[] json = new RawPutRecords(NOWHERE, false).body("s", 3, 100, new Random(1));
    byte[] cbor = new RawPutRecords(NOWHERE, true).body("s", 3, 100, new Random(1));

    assertThatThrownBy(() -> new ObjectMapper().readTree(cbor))
        .isInstanceOf(JsonParseException.class);
    JsonNode root = new ObjectMapper(new CBORFactory()).readTree(cbor);
    JsonNode jsonRoot = new ObjectMapper().readTree(json);
    assertThat(root.path("Records")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode record = root.path("Records").get(i);
      assertThat(record.path("Data").isBinary()).as(record.toString()).isTrue();
      assertThat(record.path("Data").binaryValue())
          .isEqualTo(Base64.getDecoder().decode(jsonRoot.path("Records").get(i).path("Data").asText()));
      assertThat(record.path("PartitionKey")).isEqualTo(jsonRoot.path("Records").get(i).path("PartitionKey"));
    }
  }
}
