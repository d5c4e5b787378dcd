package dev.argus.fragmentstore.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed members from a request body. A member that is absent or JSON {@code null} is
 * absent. A member of the wrong JSON type is a {@code SerializationException}, as AWS answers; a
 * well-typed value out of range is left to the catalog's validation, except an integer too large
 * for 32 bits, which is an {@link InvalidArgumentException} here. Stateless.
 */
public final class Members {

  private Members() {
  }

  public static String text(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(member, "a string", node);
    }
    return node.textValue();
  }

  public static Integer integer(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw wrongType(member, "an integer", node);
    }
    if (!node.canConvertToInt()) {
      throw new InvalidArgumentException(member + " " + node.asText() + " is out of range");
    }
    return node.intValue();
  }

  public static JsonNode object(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node != null && !node.isObject()) {
      throw wrongType(member, "an object", node);
    }
    return node;
  }

  /** A map of strings to strings, in the order given; null when absent. */
  public static Map<String, String> stringMap(JsonNode body, String member) {
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

  /** A list of strings; null when absent. */
  public static List<String> stringList(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      throw wrongType(member, "a list", node);
    }
    List<String> list = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw wrongType(member + " item", "a string", item);
      }
      list.add(item.textValue());
    }
    return list;
  }

  public static <T> T required(T value, String member) {
    if (value == null) {
      throw new InvalidArgumentException(member + " is required");
    }
    return value;
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
