package dev.argus.datastream.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.datastream.engine.ValidationException;
import java.io.IOException;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed members from a Kinesis request body. Absent and JSON {@code null} are absent; a
 * member of the wrong type is a {@code SerializationException}; a missing required one a
 * {@code ValidationException}, as Kinesis answers. Stateless.
 */
final class Members {

  private Members() {
  }

  static String text(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(member, "a string", node);
    }
    return node.textValue();
  }

  static Integer integer(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw wrongType(member, "an integer", node);
    }
    if (!node.canConvertToInt()) {
      throw new ValidationException("1 validation error detected: Value at '" + member + "' is out of range");
    }
    return node.intValue();
  }

  static boolean bool(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return false;
    }
    if (!node.isBoolean()) {
      throw wrongType(member, "a boolean", node);
    }
    return node.booleanValue();
  }

  /** A blob: base64 text in JSON, a byte string in CBOR. */
  static byte[] blob(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isTextual() && !node.isBinary()) {
      throw wrongType(member, "a blob", node);
    }
    if (node.isTextual()) {
      try {
        // java.util.Base64 decodes JSON's base64 text several times faster than Jackson's
        // binaryValue(), which builds the bytes three at a time (the put path's largest cost);
        // text it refuses (whitespace, say) still gets Jackson's more lenient reading below
        return Base64.getDecoder().decode(node.textValue());
      } catch (IllegalArgumentException strict) {
        // fall through
      }
    }
    try {
      return node.binaryValue();
    } catch (IOException | IllegalArgumentException e) {
      throw ErrorType.SERIALIZATION.exception(member + " is not valid base64");
    }
  }

  static JsonNode object(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node != null && !node.isObject()) {
      throw wrongType(member, "an object", node);
    }
    return node;
  }

  static List<JsonNode> list(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      throw wrongType(member, "a list", node);
    }
    List<JsonNode> items = new ArrayList<>();
    node.forEach(items::add);
    return items;
  }

  static List<String> stringList(JsonNode body, String member) {
    List<JsonNode> items = list(body, member);
    if (items == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : items) {
      if (!item.isTextual()) {
        throw wrongType(member + " item", "a string", item);
      }
      out.add(item.textValue());
    }
    return out;
  }

  static Map<String, String> stringMap(JsonNode body, String member) {
    JsonNode node = object(body, member);
    if (node == null) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw wrongType(member + "." + e.getKey(), "a string", e.getValue());
      }
      map.put(e.getKey(), e.getValue().textValue());
    }
    return map;
  }

  static <T> T required(T value, String member) {
    if (value == null) {
      throw new ValidationException("1 validation error detected: Value null at '" + lowerFirst(member)
          + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  private static String lowerFirst(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }

  private static JsonNode present(JsonNode body, String member) {
    JsonNode node = body.get(member);
    return node == null || node.isNull() ? null : node;
  }

  private static RuntimeException wrongType(String member, String expected, JsonNode actual) {
    return ErrorType.SERIALIZATION.exception(member + " must be " + expected + ", not "
        + actual.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
  }
}
