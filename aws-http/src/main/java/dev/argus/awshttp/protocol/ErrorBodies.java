package dev.argus.awshttp.protocol;

import dev.argus.awshttp.api.ErrorType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS error body: {@code {"__type": "<Name>", "message": "..."}}, in the request's protocol.
 * The same name goes in the {@code x-amzn-ErrorType} header, which the SDKs read first.
 */
public final class ErrorBodies {

  /** Header carrying the error type name. */
  public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

  private ErrorBodies() {
  }

  public static byte[] encode(Protocol protocol, ErrorType type, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("__type", type.name());
    body.put("message", message == null ? "" : message);
    return protocol.encode(body);
  }
}
