package dev.argus.fragmentstore.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A NextToken: where the next page of a listing starts. Opaque to clients, versioned and
 * parseable here.
 *
 * <p>Format: standard Base64 (the API's {@code [a-zA-Z0-9+/=]*}, at most {@link #MAX_LENGTH}
 * characters) of the UTF-8 text {@code 1:<kind>:<lastKey>}, where {@code 1} is the format version,
 * {@code kind} names the listing ({@code streams}, {@code tags}) and {@code lastKey} is the last
 * key of the previous page. The next page starts strictly after it, so a listing stays in order
 * and skips nothing that existed throughout, whatever is created or deleted between pages.
 *
 * @param kind    the listing this token continues
 * @param lastKey the last key already returned
 */
public record PageToken(String kind, String lastKey) {

  public static final int MAX_LENGTH = 512;
  static final String STREAMS = "streams";
  static final String TAGS = "tags";
  private static final String VERSION = "1";

  public PageToken {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(lastKey, "lastKey");
  }

  /**
   * Decodes a client's NextToken for a listing of {@code expectedKind}; null or empty means the
   * first page (null is returned).
   *
   * @throws InvalidArgumentException when the token is not one this server issued for that listing
   */
  public static PageToken parse(String token, String expectedKind) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    String text;
    try {
      MemberRules.length("NextToken", token, 0, MAX_LENGTH);
      text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(token);
    }
    String[] parts = text.split(":", 3);
    if (parts.length != 3 || !VERSION.equals(parts[0]) || !expectedKind.equals(parts[1]) || parts[2].isEmpty()) {
      throw invalid(token);
    }
    return new PageToken(parts[1], parts[2]);
  }

  private static InvalidArgumentException invalid(String token) {
    return new InvalidArgumentException("NextToken '" + token + "' is not a token this listing issued");
  }

  /** The wire form. */
  public String encode() {
    return Base64.getEncoder().encodeToString((VERSION + ":" + kind + ":" + lastKey).getBytes(StandardCharsets.UTF_8));
  }
}
