package dev.argus.awshttp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestMembersTest {

  /** What the recording errors saw: the failure kind and its arguments. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final List<String> call;

    Failure(String... call) {
      super(String.join(" | ", call));
      this.call = List.of(call);
    }
  }

  /** Errors that record missing and out-of-range members, keeping the other two defaults. */
  private static class Recording implements RequestMembers.Errors {
    @Override
    public RuntimeException missing(String member) {
      return new Failure("missing", member);
    }

    @Override
    public RuntimeException outOfRange(String member, String expected, String value) {
      return new Failure("outOfRange", member, expected, value);
    }
  }

  private static final RequestMembers DEFAULTS = new RequestMembers(new Recording());

  /** Errors that record every failure with its arguments. */
  private static final RequestMembers RECORDING = new RequestMembers(new Recording() {
    @Override
    public RuntimeException wrongType(String member, String expected, String actual) {
      return new Failure("wrongType", member, expected, actual);
    }

    @Override
    public RuntimeException malformed(String member, String problem) {
      return new Failure("malformed", member, problem);
    }
  });

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static void fails(Runnable read, String... call) {
    assertThatThrownBy(read::run).isInstanceOfSatisfying(Failure.class,
        f -> assertThat(f.call).containsExactly(call));
  }

  @Test
  void absentAndNullAreAbsentOrTheFallback() throws Exception {
    JsonNode body = json("{\"N\":null}");
    for (String member : List.of("N", "Missing")) {
      assertThat(RECORDING.text(body, member)).isNull();
      assertThat(RECORDING.integer(body, member)).isNull();
      assertThat(RECORDING.integer(body, member, -7, 0, 10)).isEqualTo(-7);
      assertThat(RECORDING.number(body, member, 42.5f, 0, 1)).isEqualTo(42.5f);
      assertThat(RECORDING.bool(body, member, true)).isTrue();
      assertThat(RECORDING.bool(body, member, false)).isFalse();
      assertThat(RECORDING.blob(body, member)).isNull();
      assertThat(RECORDING.object(body, member)).isNull();
      assertThat(RECORDING.list(body, member)).isNull();
      assertThat(RECORDING.stringList(body, member)).isNull();
      assertThat(RECORDING.stringList(body, member, 0, 3)).isNull();
      assertThat(RECORDING.stringMap(body, member)).isNull();
      fails(() -> RECORDING.requiredText(body, member), "missing", member);
      fails(() -> RECORDING.nonEmptyText(body, member), "missing", member);
      fails(() -> RECORDING.stringList(body, member, 1, 3), "missing", member);
    }
  }

  @Test
  void readsEachTypeInJson() throws Exception {
    JsonNode body = json("{\"S\":\"x\",\"E\":\"\",\"I\":-7,\"F\":2.5,\"B\":true,\"D\":\"AQI=\",\"O\":{\"k\":1},"
        + "\"L\":[1,\"two\",null],\"SL\":[\"p\",\"q\"],\"M\":{\"b\":\"1\",\"a\":\"2\"}}");
    assertThat(RECORDING.text(body, "S")).isEqualTo("x");
    assertThat(RECORDING.text(body, "E")).isEmpty();
    assertThat(RECORDING.requiredText(body, "S")).isEqualTo("x");
    assertThat(RECORDING.requiredText(body, "E")).isEmpty();
    assertThat(RECORDING.nonEmptyText(body, "S")).isEqualTo("x");
    assertThat(RECORDING.integer(body, "I")).isEqualTo(-7);
    assertThat(RECORDING.integer(body, "I", 0, -7, -7)).isEqualTo(-7);
    assertThat(RECORDING.number(body, "F", 0, 2.5f, 2.5f)).isEqualTo(2.5f);
    assertThat(RECORDING.number(body, "I", 0, -10, 0)).isEqualTo(-7f);
    assertThat(RECORDING.bool(body, "B", false)).isTrue();
    assertThat(RECORDING.blob(body, "D")).containsExactly(1, 2);
    assertThat(RECORDING.object(body, "O")).isEqualTo(body.get("O"));
    assertThat(RECORDING.list(body, "L")).containsExactly(body.get("L").get(0), body.get("L").get(1),
        body.get("L").get(2));
    assertThat(RECORDING.stringList(body, "SL")).containsExactly("p", "q");
    assertThat(RECORDING.stringList(body, "SL", 2, 2)).containsExactly("p", "q");
    assertThat(RECORDING.stringMap(body, "M")).containsExactly(Map.entry("b", "1"), Map.entry("a", "2"));
    assertThat(RECORDING.required("v", "S")).isEqualTo("v");
    fails(() -> RECORDING.required(null, "S"), "missing", "S");
    fails(() -> RECORDING.nonEmptyText(body, "E"), "missing", "E");
  }

  @Test
  void readsTheSameFromCborWhereBlobsAreByteStrings() throws Exception {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("S", "x").put("I", 12).put("B", false).put("D", new byte[] {9, 8, 7});
    tree.putArray("SL").add("p");
    tree.putObject("M").put("k", "v");
    JsonNode body = CBOR.readTree(CBOR.writeValueAsBytes(tree));
    assertThat(body.get("D").isBinary()).isTrue();
    assertThat(RECORDING.text(body, "S")).isEqualTo("x");
    assertThat(RECORDING.integer(body, "I")).isEqualTo(12);
    assertThat(RECORDING.bool(body, "B", true)).isFalse();
    assertThat(RECORDING.blob(body, "D")).containsExactly(9, 8, 7);
    assertThat(RECORDING.stringList(body, "SL")).containsExactly("p");
    assertThat(RECORDING.stringMap(body, "M")).containsExactly(Map.entry("k", "v"));
  }

  @Test
  void eachWrongTypeNamesTheMemberWhatItMustBeAndWhatItIs() throws Exception {
    JsonNode body = json("{\"N\":1,\"S\":\"s\",\"D\":1.5,\"A\":[],\"O\":{},\"T\":true,"
        + "\"L\":[\"ok\",3],\"M\":{\"a\":\"1\",\"b\":[]}}");
    fails(() -> RECORDING.text(body, "N"), "wrongType", "N", "a string", "number");
    fails(() -> RECORDING.requiredText(body, "A"), "wrongType", "A", "a string", "array");
    fails(() -> RECORDING.nonEmptyText(body, "O"), "wrongType", "O", "a string", "object");
    fails(() -> RECORDING.integer(body, "S"), "wrongType", "S", "an integer", "string");
    fails(() -> RECORDING.integer(body, "D"), "wrongType", "D", "an integer", "number");
    fails(() -> RECORDING.integer(body, "D", 0, 0, 9), "wrongType", "D", "an integer in [0, 9]", "number");
    fails(() -> RECORDING.number(body, "S", 0, 0, 9), "wrongType", "S", "a number in [0.0, 9.0]", "string");
    fails(() -> RECORDING.bool(body, "N", false), "wrongType", "N", "a boolean", "number");
    fails(() -> RECORDING.blob(body, "T"), "wrongType", "T", "a blob", "boolean");
    fails(() -> RECORDING.object(body, "A"), "wrongType", "A", "an object", "array");
    fails(() -> RECORDING.list(body, "O"), "wrongType", "O", "a list", "object");
    fails(() -> RECORDING.stringList(body, "S"), "wrongType", "S", "a list", "string");
    fails(() -> RECORDING.stringList(body, "L"), "wrongType", "L item", "a string", "number");
    fails(() -> RECORDING.stringList(body, "O", 0, 5), "wrongType", "O", "a list of 0 to 5 strings", "object");
    fails(() -> RECORDING.stringList(body, "L", 0, 5), "wrongType", "L item", "a string", "number");
    fails(() -> RECORDING.stringMap(body, "A"), "wrongType", "A", "an object", "array");
    fails(() -> RECORDING.stringMap(body, "M"), "wrongType", "M.b", "a string", "array");
  }

  @Test
  void rangesAreCheckedAfterTypes() throws Exception {
    JsonNode body = json("{\"Big\":3000000000,\"Low\":-1,\"High\":11,\"Edge\":10,\"F\":100.5,\"L\":[\"a\",\"b\",\"c\"]}");
    fails(() -> RECORDING.integer(body, "Big"), "outOfRange", "Big", "an integer", "3000000000");
    fails(() -> RECORDING.integer(body, "Big", 0, 0, 10), "outOfRange", "Big", "an integer in [0, 10]", "3000000000");
    fails(() -> RECORDING.integer(body, "Low", 0, 0, 10), "outOfRange", "Low", "an integer in [0, 10]", "-1");
    fails(() -> RECORDING.integer(body, "High", 0, 0, 10), "outOfRange", "High", "an integer in [0, 10]", "11");
    assertThat(RECORDING.integer(body, "Edge", 0, 0, 10)).isEqualTo(10);
    assertThat(RECORDING.integer(body, "Low", 0, -1, 10)).isEqualTo(-1);
    fails(() -> RECORDING.number(body, "F", 0, 0, 100), "outOfRange", "F", "a number in [0.0, 100.0]", "100.5");
    fails(() -> RECORDING.stringList(body, "L", 0, 2), "outOfRange", "L", "a list of 0 to 2 strings", "3");
    fails(() -> RECORDING.stringList(body, "L", 4, 9), "outOfRange", "L", "a list of 4 to 9 strings", "3");
    assertThat(RECORDING.stringList(body, "L", 3, 3)).containsExactly("a", "b", "c");
  }

  @Test
  void cborNanIsOutOfRange() throws Exception {
    ObjectNode tree = JsonNodeFactory.instance.objectNode().put("F", Float.NaN);
    JsonNode body = CBOR.readTree(CBOR.writeValueAsBytes(tree));
    fails(() -> RECORDING.number(body, "F", 0, 0, 100), "outOfRange", "F", "a number in [0.0, 100.0]", "NaN");
  }

  @Test
  void badBase64IsMalformed() throws Exception {
    JsonNode body = json("{\"D\":\"not base64!\"}");
    fails(() -> RECORDING.blob(body, "D"), "malformed", "D", "is not valid base64");
  }

  @Test
  void byDefaultWrongTypesAndMalformedContentAreSerializationExceptions() throws Exception {
    JsonNode body = json("{\"N\":1,\"D\":\"%%%\"}");
    assertThatThrownBy(() -> DEFAULTS.text(body, "N")).isInstanceOfSatisfying(AwsException.class, e -> {
      assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION);
      assertThat(e).hasMessage("N must be a string, not number");
    });
    assertThatThrownBy(() -> DEFAULTS.blob(body, "D")).isInstanceOfSatisfying(AwsException.class, e -> {
      assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION);
      assertThat(e).hasMessage("D is not valid base64");
    });
    fails(() -> DEFAULTS.required(null, "X"), "missing", "X");
  }

  @Test
  void readersLeaveTheBodyAsItWas() throws Exception {
    JsonNode body = json("{\"L\":[\"a\"],\"M\":{\"k\":\"v\"},\"O\":{\"x\":[1]}}");
    JsonNode copy = body.deepCopy();
    RECORDING.stringList(body, "L").add("b");
    RECORDING.stringMap(body, "M").put("k2", "v2");
    RECORDING.list(body, "L").clear();
    assertThat(body).isEqualTo(copy);
  }

  /** Random documents: every reader returns a value or throws the API's failure, nothing else. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void randomMembersAreReadOrRejectedCleanly(long seed) {
    Random random = new Random(seed);
    List<Consumer<JsonNode>> readers = List.of(
        b -> RECORDING.text(b, "X"), b -> RECORDING.requiredText(b, "X"), b -> RECORDING.nonEmptyText(b, "X"), b -> RECORDING.integer(b, "X"),
        b -> RECORDING.integer(b, "X", 0, -5, 5), b -> RECORDING.number(b, "X", 0, -1, 1),
        b -> RECORDING.bool(b, "X", false), b -> RECORDING.blob(b, "X"), b -> RECORDING.object(b, "X"),
        b -> RECORDING.list(b, "X"), b -> RECORDING.stringList(b, "X"), b -> RECORDING.stringList(b, "X", 1, 2),
        b -> RECORDING.stringMap(b, "X"));
    int read = 0;
    int rejected = 0;
    for (int i = 0; i < 500; i++) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.set("X", randomNode(random, 3));
      for (Consumer<JsonNode> reader : readers) {
        try {
          reader.accept(body);
          read++;
        } catch (Failure expected) {
          rejected++;
        }
      }
    }
    assertThat(read).isPositive();
    assertThat(rejected).isPositive();
  }

  private static JsonNode randomNode(Random random, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (random.nextInt(depth > 0 ? 10 : 8)) {
      case 0: return f.nullNode();
      case 1: return f.textNode(random.nextBoolean() ? "" : Long.toString(random.nextLong(), 36));
      case 2: return f.numberNode(random.nextInt(21) - 10);
      case 3: return f.numberNode(random.nextLong());
      case 4: return f.numberNode(random.nextDouble() * 4 - 2);
      case 5: return f.booleanNode(random.nextBoolean());
      case 6: return f.binaryNode(new byte[random.nextInt(4)]);
      case 7: return f.textNode("QUJD" + (random.nextBoolean() ? "" : "*"));
      case 8: {
        ArrayNode array = f.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(randomNode(random, depth - 1));
        }
        return array;
      }
      default: {
        ObjectNode object = f.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          object.set("k" + i, randomNode(random, depth - 1));
        }
        return object;
      }
    }
  }
}
