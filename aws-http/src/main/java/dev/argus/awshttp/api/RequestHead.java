package dev.argus.awshttp.api;

import dev.argus.awshttp.protocol.Protocol;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Objects;

/**
 * The part of a request known before its body: enough to route it.
 *
 * @param method    HTTP method
 * @param path      the request path without the query string, e.g. {@code /putMedia}
 * @param query     the raw query string without '?', empty when absent
 * @param headers   request headers (read-only by convention)
 * @param requestId the id sent back as {@code x-amzn-RequestId} and written in logs
 */
public record RequestHead(HttpMethod method, String path, String query, HttpHeaders headers, String requestId) {

  /** Header naming a JSON-RPC style operation, e.g. {@code Kinesis_20131202.PutRecord}. */
  public static final String TARGET_HEADER = "X-Amz-Target";

  public RequestHead {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(requestId, "requestId");
  }

  /** The {@code X-Amz-Target} value, or empty when absent. */
  public String target() {
    String target = headers.get(TARGET_HEADER);
    return target == null ? "" : target.trim();
  }

  /** The body protocol this request speaks, from its Content-Type and target. */
  public Protocol protocol() {
    return Protocol.of(headers.get("Content-Type"), !target().isEmpty());
  }

  /** A header's value, or null. */
  public String header(String name) {
    return headers.get(name);
  }
}
