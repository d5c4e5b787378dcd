package dev.argus.datastream.api;

import dev.argus.datastream.engine.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * NextToken values: version {@code "1"} and the fields needed to resume, joined by newlines, in
 * URL-safe base64. They carry no secret and grant nothing: a forged one lists what its fields say,
 * which the caller could ask for directly. A token that does not decode is an
 * InvalidArgumentException. Stateless.
 */
final class PageTokens {

  private static final String VERSION = "1";

  private PageTokens() {
  }

  static String encode(String... fields) {
    String joined = VERSION + "\n" + String.join("\n", fields);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
  }

  /** The fields of a token made by {@link #encode} with {@code count} fields. */
  static List<String> decode(String token, int count) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      List<String> parts = List.of(text.split("\n", -1));
      if (parts.size() == count + 1 && parts.get(0).equals(VERSION)) {
        return parts.subList(1, parts.size());
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw new InvalidArgumentException("Invalid NextToken.");
  }
}
