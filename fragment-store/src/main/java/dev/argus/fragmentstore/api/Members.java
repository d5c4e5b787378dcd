package dev.argus.fragmentstore.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.RequestMembers;
import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import java.util.List;
import java.util.Map;

/**
 * Kinesis Video Streams' wording of the shared {@link RequestMembers} reader, for the control
 * plane and the media APIs. A member that is absent or JSON {@code null} is absent. A member of the
 * wrong JSON type is a {@code SerializationException}, as AWS answers; a well-typed value out of
 * range is left to the catalog's validation, except an integer too large for 32 bits, which is an
 * {@link InvalidArgumentException} here, as is a missing required member. Stateless.
 */
public final class Members {

  private static final RequestMembers KVS = new RequestMembers(new RequestMembers.Errors() {
    @Override
    public RuntimeException missing(String member) {
      return new InvalidArgumentException(member + " is required");
    }

    @Override
    public RuntimeException outOfRange(String member, String expected, String value) {
      return new InvalidArgumentException(member + " " + value + " is out of range");
    }
  });

  private Members() {
  }

  public static String text(JsonNode body, String member) {
    return KVS.text(body, member);
  }

  public static Integer integer(JsonNode body, String member) {
    return KVS.integer(body, member);
  }

  public static JsonNode object(JsonNode body, String member) {
    return KVS.object(body, member);
  }

  /** A map of strings to strings, in the order given; null when absent. */
  public static Map<String, String> stringMap(JsonNode body, String member) {
    return KVS.stringMap(body, member);
  }

  /** A list of strings; null when absent. */
  public static List<String> stringList(JsonNode body, String member) {
    return KVS.stringList(body, member);
  }

  public static <T> T required(T value, String member) {
    return KVS.required(value, member);
  }
}
