package dev.argus.awshttp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.awshttp.api.ErrorType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The body protocols the AWS SDKs speak to us.
 *
 * <ul>
 *   <li>{@link #AWS_JSON_1_1}: JSON-RPC with {@code X-Amz-Target}; timestamps are epoch seconds
 *       (a number with a fraction), blobs base64 text.</li>
 *   <li>{@link #AWS_CBOR_1_1}: the same documents in CBOR (RFC 8949), which SDK clients send to
 *       Kinesis by default; timestamps are epoch milliseconds behind tag 1, blobs byte strings.</li>
 *   <li>{@link #REST_JSON}: path-routed JSON (Kinesis Video); timestamps epoch seconds.</li>
 * </ul>
 * Each protocol answers in its own format: a CBOR request gets a CBOR response, errors included.
 */
public enum Protocol {
  AWS_JSON_1_1("application/x-amz-json-1.1", Mappers.JSON),
  AWS_CBOR_1_1("application/x-amz-cbor-1.1", Mappers.CBOR),
  REST_JSON("application/json", Mappers.JSON);

  private final String contentType;
  private final ObjectMapper mapper;

  Protocol(String contentType, ObjectMapper mapper) {
    this.contentType = contentType;
    this.mapper = mapper;
  }

  /**
   * Picks the protocol from a request's Content-Type. A request with a target header and no
   * recognisable type is taken as awsJson1.1, which is what the JSON SDKs send.
   */
  public static Protocol of(String contentType, boolean hasTarget) {
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    if (type.startsWith("application/x-amz-cbor")) {
      return AWS_CBOR_1_1;
    }
    if (type.startsWith("application/x-amz-json") || hasTarget) {
      return AWS_JSON_1_1;
    }
    return REST_JSON;
  }

  public String contentType() {
    return contentType;
  }

  public boolean isCbor() {
    return this == AWS_CBOR_1_1;
  }

  /**
   * Decodes a request body. An empty body is an empty object; anything that is not one
   * well-formed object is a {@code SerializationException}.
   */
  public JsonNode decode(byte[] body) {
    if (body.length == 0) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        return mapper.createObjectNode();
      }
      if (!node.isObject()) {
        throw ErrorType.SERIALIZATION.exception("request body must be an object, not " + node.getNodeType());
      }
      return node;
    } catch (IOException e) {
      throw ErrorType.SERIALIZATION.exception("malformed " + name() + " body: " + firstLine(e.getMessage()));
    }
  }

  /** Encodes a response document (a record, a map or a tree). */
  public byte[] encode(Object document) {
    try {
      return mapper.writeValueAsBytes(document);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode response " + document.getClass().getName(), e);
    }
  }

  /** Maps a decoded body onto a type; a type mismatch is a {@code SerializationException}. */
  public <T> T convert(JsonNode body, Class<T> type) {
    try {
      return mapper.treeToValue(body, type);
    } catch (IOException | IllegalArgumentException e) {
      throw ErrorType.SERIALIZATION.exception("cannot read " + type.getSimpleName() + ": " + firstLine(e.getMessage()));
    }
  }

  /** A new, empty document to fill by hand. */
  public ObjectNode newObject() {
    return mapper.createObjectNode();
  }

  /**
   * Reads a timestamp member: epoch seconds (JSON), epoch milliseconds (CBOR), or an ISO-8601
   * string, which some clients send. Null when the member is absent.
   */
  public Instant readTimestamp(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      if (isCbor() && node.isIntegralNumber()) {
        return Instant.ofEpochMilli(node.longValue());
      }
      BigDecimal seconds = node.decimalValue();
      return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }
    if (node.isTextual()) {
      String text = node.textValue();
      try {
        return Instant.ofEpochMilli(new BigDecimal(text).movePointRight(3).longValue());
      } catch (NumberFormatException notNumeric) {
        try {
          return Instant.parse(text);
        } catch (DateTimeParseException e) {
          throw ErrorType.SERIALIZATION.exception("not a timestamp: " + text);
        }
      }
    }
    throw ErrorType.SERIALIZATION.exception("not a timestamp: " + node.getNodeType());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
