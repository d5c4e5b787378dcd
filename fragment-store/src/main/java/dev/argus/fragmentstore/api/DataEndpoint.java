package dev.argus.fragmentstore.api;

import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * GetDataEndpoint's answer. Every video API is served on the same port as the control plane, so
 * the data endpoint is this server's own base URL. The port may be ephemeral and the server may
 * be reached by any of its names, so the URL is the one the client used: {@code http://} and the
 * request's Host header (HTTP/2's {@code :authority}, which the server's codec turns into Host).
 * The header is checked to be a host and optional port, so a client cannot make it return an
 * arbitrary URL.
 */
final class DataEndpoint {

  /** A DNS name or IPv4 address, or a bracketed IPv6 address; then an optional port. */
  private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9._-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(?::[0-9]{1,5})?");

  /** GetDataEndpoint's APIName values. */
  enum ApiName {
    PUT_MEDIA, GET_MEDIA, LIST_FRAGMENTS, GET_MEDIA_FOR_FRAGMENT_LIST, GET_HLS_STREAMING_SESSION_URL,
    GET_DASH_STREAMING_SESSION_URL, GET_CLIP, GET_IMAGES;

    static ApiName parse(String value) {
      for (ApiName name : values()) {
        if (name.name().equals(value)) {
          return name;
        }
      }
      throw new InvalidArgumentException("APIName must be one of " + java.util.Arrays.toString(values())
          + ", not " + value);
    }
  }

  private DataEndpoint() {
  }

  /** {@code http://<host>}; a missing or malformed Host is an {@link InvalidArgumentException}. */
  static String fromHost(String host) {
    if (host == null || !HOST.matcher(host.trim()).matches()) {
      throw new InvalidArgumentException("cannot tell the data endpoint: the request's Host header is "
          + (host == null ? "missing" : "not host[:port]: " + host));
    }
    return "http://" + host.trim();
  }
}
