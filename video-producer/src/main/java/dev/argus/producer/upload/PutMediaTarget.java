package dev.argus.producer.upload;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a PutMedia request goes: the data endpoint (as GetDataEndpoint returns it) and the stream.
 *
 * @param endpoint {@code http://host:port} (https is not supported by this client yet)
 * @param streamName the stream's name, {@code [a-zA-Z0-9_.-]{1,256}}
 */
public record PutMediaTarget(URI endpoint, String streamName) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");

  public PutMediaTarget {
    Objects.requireNonNull(endpoint, "endpoint");
    if (!"http".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
      throw new IllegalArgumentException("endpoint must be http://host[:port]: " + endpoint);
    }
    if (streamName == null || !NAME.matcher(streamName).matches()) {
      throw new IllegalArgumentException("bad stream name: " + streamName);
    }
  }

  public String host() {
    return endpoint.getHost();
  }

  public int port() {
    return endpoint.getPort() < 0 ? 80 : endpoint.getPort();
  }

  /** The Host header value. */
  String hostHeader() {
    return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
  }
}
