package dev.argus.awshttp.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads typed members out of a decoded request body ({@link AwsRequest#body()}, the same tree for
 * JSON and CBOR), raising the API's own errors.
 *
 * <p>Contract shared by every reader: a member that is absent or JSON/CBOR {@code null} is absent;
 * the plain readers then return {@code null}, those given a fallback return it. A present member is
 * checked for its type first, then for its range; each failure is the exception the API's
 * {@link Errors} returns for it, thrown here, so every API keeps its error types and its wording
 * (Kinesis answers {@code ValidationException}, Kinesis Video {@code InvalidArgumentException},
 * Rekognition {@code InvalidParameterException}). Readers never modify the body.
 *
 * <p>Immutable and thread-safe when its {@link Errors} is (they are, in practice, stateless).
 */
public final class RequestMembers {

  /**
   * How one API reports members it cannot use. Each method returns the exception to throw; it
   * never throws it itself. {@code expected} says what the member must be ("a string", "an integer
   * in [1, 100]", "a list of 1 to 4096 strings") and is the same in {@link #wrongType} and
   * {@link #outOfRange} of one member.
   */
  public interface Errors {

    /** A required member is absent or {@code null} (for {@link #nonEmptyText}, also empty). */
    RuntimeException missing(String member);

    /** A well-typed member is out of range; {@code value} is its text (a list's: its size). */
    RuntimeException outOfRange(String member, String expected, String value);

    /**
     * A member of the wrong JSON type; {@code actual} is that type in lower case ("number",
     * "array", ...). By default a {@code SerializationException}, as the AWS JSON and CBOR
     * protocols answer.
     */
    default RuntimeException wrongType(String member, String expected, String actual) {
      return ErrorType.SERIALIZATION.exception(member + " must be " + expected + ", not " + actual);
    }

    /**
     * A member of the right type whose content cannot be decoded; {@code problem} completes the
     * sentence ("is not valid base64"). By default a {@code SerializationException}.
     */
    default RuntimeException malformed(String member, String problem) {
      return ErrorType.SERIALIZATION.exception(member + " " + problem);
    }
  }

  private final Errors errors;

  public RequestMembers(Errors errors) {
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  /** A string; null when absent. */
  public String text(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(member, "a string", node);
    }
    return node.textValue();
  }

  /** A string that must be present (it may be empty). */
  public String requiredText(JsonNode body, String member) {
    return required(text(body, member), member);
  }

  /** A string that must be present and not empty. */
  public String nonEmptyText(JsonNode body, String member) {
    String value = text(body, member);
    if (value == null || value.isEmpty()) {
      throw errors.missing(member);
    }
    return value;
  }

  /** A 32-bit integer; null when absent. An integer beyond 32 bits is out of range. */
  public Integer integer(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw wrongType(member, "an integer", node);
    }
    if (!node.canConvertToInt()) {
      throw errors.outOfRange(member, "an integer", node.asText());
    }
    return node.intValue();
  }

  /** An integer in {@code [min, max]}; {@code fallback} when absent (it need not be in range). */
  public int integer(JsonNode body, String member, int fallback, int min, int max) {
    JsonNode node = present(body, member);
    if (node == null) {
      return fallback;
    }
    String expected = "an integer in [" + min + ", " + max + "]";
    if (!node.isIntegralNumber()) {
      throw wrongType(member, expected, node);
    }
    if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
      throw errors.outOfRange(member, expected, node.asText());
    }
    return node.intValue();
  }

  /** A number in {@code [min, max]} read as a float (NaN is out of range); {@code fallback} when absent. */
  public float number(JsonNode body, String member, float fallback, float min, float max) {
    JsonNode node = present(body, member);
    if (node == null) {
      return fallback;
    }
    String expected = "a number in [" + min + ", " + max + "]";
    if (!node.isNumber()) {
      throw wrongType(member, expected, node);
    }
    float value = node.floatValue();
    if (!(value >= min && value <= max)) {
      throw errors.outOfRange(member, expected, node.asText());
    }
    return value;
  }

  /** A boolean; {@code fallback} when absent. */
  public boolean bool(JsonNode body, String member, boolean fallback) {
    JsonNode node = present(body, member);
    if (node == null) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw wrongType(member, "a boolean", node);
    }
    return node.booleanValue();
  }

  /** A blob: base64 text in JSON, a byte string in CBOR; null when absent. */
  public byte[] blob(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isTextual() && !node.isBinary()) {
      throw wrongType(member, "a blob", node);
    }
    if (node.isTextual()) {
      try {
        // java.util.Base64 decodes several times faster than Jackson's binaryValue(), which builds
        // the bytes three at a time (the largest cost of a Kinesis put); text it refuses
        // (whitespace, say) still gets Jackson's more lenient reading below
        return Base64.getDecoder().decode(node.textValue());
      } catch (IllegalArgumentException strict) {
        // fall through to the lenient reading
      }
    }
    try {
      return node.binaryValue();
    } catch (IOException | IllegalArgumentException e) {
      throw errors.malformed(member, "is not valid base64");
    }
  }

  /** A structure, as its node; null when absent. */
  public JsonNode object(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node != null && !node.isObject()) {
      throw wrongType(member, "an object", node);
    }
    return node;
  }

  /** A list of any items, in order; null when absent. */
  public List<JsonNode> list(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      throw wrongType(member, "a list", node);
    }
    List<JsonNode> items = new ArrayList<>(node.size());
    node.forEach(items::add);
    return items;
  }

  /** A list of strings, in order; null when absent. An item of another type is named "MEMBER item". */
  public List<String> stringList(JsonNode body, String member) {
    List<JsonNode> items = list(body, member);
    return items == null ? null : strings(member, items);
  }

  /**
   * A list of {@code min} to {@code max} strings: when absent, missing if {@code min > 0}, else
   * null.
   */
  public List<String> stringList(JsonNode body, String member, int min, int max) {
    JsonNode node = present(body, member);
    if (node == null) {
      if (min > 0) {
        throw errors.missing(member);
      }
      return null;
    }
    String expected = "a list of " + min + " to " + max + " strings";
    if (!node.isArray()) {
      throw wrongType(member, expected, node);
    }
    if (node.size() < min || node.size() > max) {
      throw errors.outOfRange(member, expected, Integer.toString(node.size()));
    }
    List<JsonNode> items = new ArrayList<>(node.size());
    node.forEach(items::add);
    return strings(member, items);
  }

  /** A map of strings to strings, in the order given; null when absent. */
  public Map<String, String> stringMap(JsonNode body, String member) {
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

  /** {@code value}, which a reader returned for {@code member}; missing when it is null. */
  public <T> T required(T value, String member) {
    if (value == null) {
      throw errors.missing(member);
    }
    return value;
  }

  private List<String> strings(String member, List<JsonNode> items) {
    List<String> out = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      if (!item.isTextual()) {
        throw wrongType(member + " item", "a string", item);
      }
      out.add(item.textValue());
    }
    return out;
  }

  private static JsonNode present(JsonNode body, String member) {
    JsonNode node = body.get(member);
    return node == null || node.isNull() ? null : node;
  }

  private RuntimeException wrongType(String member, String expected, JsonNode actual) {
    return errors.wrongType(member, expected, actual.getNodeType().name().toLowerCase(Locale.ROOT));
  }
}
