package dev.argus.awshttp.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.protocol.Protocol;
import java.time.Instant;
import java.util.Objects;

/**
 * A unary request with its decoded body.
 *
 * <p>The body is a document tree whatever the wire format was: blobs read through
 * {@link JsonNode#binaryValue()} in both JSON (base64 text) and CBOR (byte strings), and
 * timestamps through {@link #timestamp(JsonNode)}, which knows each protocol's encoding.
 *
 * @param head     the request line and headers
 * @param protocol the body's protocol; the response is written in the same one
 * @param body     the decoded body; an empty object when the request had no body
 */
public record AwsRequest(RequestHead head, Protocol protocol, JsonNode body) {

  public AwsRequest {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(body, "body");
  }

  /** Decodes a timestamp member in this request's protocol; null when the node is null/missing. */
  public Instant timestamp(JsonNode node) {
    return protocol.readTimestamp(node);
  }

  /** Maps the body onto a type (a record with PascalCase members, as AWS names them). */
  public <T> T bodyAs(Class<T> type) {
    return protocol.convert(body, type);
  }
}
