package dev.argus.fragmentstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.awshttp.api.AwsException;
import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembersTest {

  private static JsonNode body(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  @Test
  void absentAndNullAreAbsent() throws Exception {
    JsonNode body = body("{\"N\":null}");
    assertThat(Members.text(body, "N")).isNull();
    assertThat(Members.integer(body, "Missing")).isNull();
    assertThat(Members.stringMap(body, "N")).isNull();
    assertThat(Members.stringList(body, "N")).isNull();
    assertThatThrownBy(() -> Members.required(null, "N")).isInstanceOf(InvalidArgumentException.class)
        .hasMessage("N is required");
  }

  @Test
  void readsEachType() throws Exception {
    JsonNode body = body("{\"S\":\"x\",\"I\":7,\"M\":{\"b\":\"1\",\"a\":\"2\"},\"L\":[\"p\",\"q\"]}");
    assertThat(Members.text(body, "S")).isEqualTo("x");
    assertThat(Members.integer(body, "I")).isEqualTo(7);
    assertThat(Members.stringMap(body, "M")).containsExactly(Map.entry("b", "1"), Map.entry("a", "2"));
    assertThat(Members.stringList(body, "L")).isEqualTo(List.of("p", "q"));
  }

  @Test
  void wrongTypesAreSerializationErrorsAndHugeIntegersAreInvalid() throws Exception {
    JsonNode body = body("{\"S\":1,\"I\":1.5,\"M\":[],\"L\":[1],\"Big\":3000000000}");
    for (Runnable read : List.<Runnable>of(() -> Members.text(body, "S"), () -> Members.integer(body, "I"),
        () -> Members.stringMap(body, "M"), () -> Members.stringList(body, "L"))) {
      assertThatThrownBy(read::run).isInstanceOf(AwsException.class)
          .satisfies(e -> assertThat(((AwsException) e).type().name()).isEqualTo("SerializationException"));
    }
    assertThatThrownBy(() -> Members.integer(body, "Big")).isInstanceOf(InvalidArgumentException.class);
  }
}
