package dev.argus.awshttp.api;

import java.util.Map;
import java.util.Objects;

/**
 * What a unary operation answers.
 *
 * <ul>
 *   <li>{@link Document}: an object serialised in the request's protocol (JSON or CBOR). Records
 *       map to PascalCase members, {@code null} members are left out, {@code byte[]} becomes a
 *       blob and {@link java.time.Instant} a timestamp in the protocol's own encoding. A hot
 *       answer may instead be a {@code JsonSerializable} that writes itself to the generator, its
 *       timestamps through {@link dev.argus.awshttp.protocol.Timestamps}.</li>
 *   <li>{@link Binary}: raw bytes with their content type (an MP4 clip, a JPEG).</li>
 * </ul>
 * Both carry a status (200 unless said otherwise) and extra response headers.
 */
public sealed interface AwsResponse {

  int status();

  Map<String, String> headers();

  /** A 200 response with this document. */
  static AwsResponse ok(Object document) {
    return new Document(200, Map.of(), document);
  }

  record Document(int status, Map<String, String> headers, Object body) implements AwsResponse {
    public Document {
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
    }
  }

  record Binary(int status, Map<String, String> headers, String contentType, byte[] body) implements AwsResponse {
    public Binary {
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }
}
