package dev.argus.fragmentstore.catalogstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.fragmentstore.catalog.Catalog;
import dev.argus.fragmentstore.catalog.StreamArn;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.StreamStatus;
import dev.argus.fragmentstore.catalog.Tags;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalog snapshot format, version 1: one UTF-8 JSON object.
 *
 * <pre>
 * {"format": "argus-video-catalog", "formatVersion": 1, "revision": 7, "lastCreationMillis": 1700000000000,
 *  "streams": [{"name": "cam-1", "arn": "arn:aws:kinesisvideo:...:stream/cam-1/1700000000000",
 *               "deviceName": "dev", "mediaType": "video/h264", "kmsKeyId": "arn:aws:kms:...",
 *               "version": "9f3c...", "creationTimeMillis": 1700000000000,
 *               "dataRetentionInHours": 24, "tags": {"k": "v"}}]}
 * </pre>
 * {@code deviceName} and {@code mediaType} are left out when absent; streams are in name order.
 * Decoding is strict: a missing or mistyped member, an unknown format version, or a value that
 * breaks a catalog invariant is a {@link DecodeException}, never a partial catalog. Stateless and
 * thread-safe.
 */
final class CatalogCodec {

  static final String FORMAT = "argus-video-catalog";
  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Why bytes are not a catalog. */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    DecodeException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private CatalogCodec() {
  }

  static byte[] encode(Catalog catalog) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("revision", catalog.revision());
    root.put("lastCreationMillis", catalog.lastCreationMillis());
    ArrayNode streams = root.putArray("streams");
    for (StreamInfo s : catalog.streams()) {
      ObjectNode node = streams.addObject();
      node.put("name", s.streamName());
      node.put("arn", s.arn().toString());
      if (s.deviceName() != null) {
        node.put("deviceName", s.deviceName());
      }
      if (s.mediaType() != null) {
        node.put("mediaType", s.mediaType());
      }
      node.put("kmsKeyId", s.kmsKeyId());
      node.put("version", s.version());
      node.put("creationTimeMillis", s.creationTime().toEpochMilli());
      node.put("dataRetentionInHours", s.dataRetentionInHours());
      ObjectNode tags = node.putObject("tags");
      s.tags().entries().forEach(tags::put);
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the catalog", e);
    }
  }

  static Catalog decode(byte[] bytes) throws DecodeException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new DecodeException("not JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new DecodeException("unreadable (" + e.getMessage() + ")", e);
    }
    try {
      if (root == null || !root.isObject()) {
        throw new DecodeException("not a JSON object", null);
      }
      if (!FORMAT.equals(text(root, "format"))) {
        throw new DecodeException("format is not " + FORMAT, null);
      }
      long formatVersion = number(root, "formatVersion");
      if (formatVersion != FORMAT_VERSION) {
        throw new DecodeException("unsupported format version " + formatVersion, null);
      }
      JsonNode streams = root.get("streams");
      if (streams == null || !streams.isArray()) {
        throw new DecodeException("member streams is not an array", null);
      }
      List<StreamInfo> list = new ArrayList<>();
      for (JsonNode node : streams) {
        list.add(stream(node));
      }
      return Catalog.of(number(root, "revision"), number(root, "lastCreationMillis"), list);
    } catch (RuntimeException e) { // a record's invariant, from a value that is well-typed but wrong
      throw new DecodeException(e.getMessage(), e);
    }
  }

  private static StreamInfo stream(JsonNode node) throws DecodeException {
    if (!node.isObject()) {
      throw new DecodeException("a stream is not a JSON object", null);
    }
    String name = text(node, "name");
    long created = number(node, "creationTimeMillis");
    long hours = number(node, "dataRetentionInHours");
    if (hours > Integer.MAX_VALUE) {
      throw new DecodeException("stream " + name + " has retention " + hours, null);
    }
    return new StreamInfo(name, StreamArn.parse("arn", text(node, "arn")), optionalText(node, "deviceName"),
        optionalText(node, "mediaType"), text(node, "kmsKeyId"), text(node, "version"), StreamStatus.ACTIVE,
        Instant.ofEpochMilli(created), (int) hours, tags(node));
  }

  private static Tags tags(JsonNode node) throws DecodeException {
    JsonNode tags = node.get("tags");
    if (tags == null || !tags.isObject()) {
      throw new DecodeException("member tags is not an object", null);
    }
    Map<String, String> map = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : tags.properties()) {
      if (!e.getValue().isTextual()) {
        throw new DecodeException("tag " + e.getKey() + " is not a string", null);
      }
      map.put(e.getKey(), e.getValue().textValue());
    }
    return Tags.of(map);
  }

  private static String text(JsonNode node, String member) throws DecodeException {
    JsonNode value = node.get(member);
    if (value == null || !value.isTextual()) {
      throw new DecodeException("member " + member + " is missing or not a string", null);
    }
    return value.textValue();
  }

  private static String optionalText(JsonNode node, String member) throws DecodeException {
    return node.has(member) ? text(node, member) : null;
  }

  private static long number(JsonNode node, String member) throws DecodeException {
    JsonNode value = node.get(member);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new DecodeException("member " + member + " is missing or not an integer", null);
    }
    return value.longValue();
  }
}
