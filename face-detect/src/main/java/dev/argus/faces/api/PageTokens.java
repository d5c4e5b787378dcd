package dev.argus.faces.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * NextToken values (pure): {@code KIND 1 "." base64url(last key)}, where the key is the last
 * collection id or face id of the page; the next page starts after it, so pages stay consistent
 * while items are added or removed. {@code KIND} is {@code c} for collections, {@code f} for faces.
 */
final class PageTokens {

  private static final String VERSION = "1.";

  private PageTokens() {
  }

  static String encode(char kind, String lastKey) {
    return kind + VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
  }

  /** The key in a token, or null for a null token. @throws InvalidPaginationTokenException */
  static String decode(char kind, String token) {
    if (token == null) {
      return null;
    }
    String prefix = kind + VERSION;
    if (!token.startsWith(prefix)) {
      throw new InvalidPaginationTokenException("NextToken was not issued for this operation");
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token.substring(prefix.length())), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidPaginationTokenException("NextToken is malformed");
    }
  }
}
