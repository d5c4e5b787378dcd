package dev.argus.awshttp.server;

import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.AwsResponse;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.protocol.ErrorBodies;
import dev.argus.awshttp.protocol.Protocol;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/** Builds complete HTTP responses for unary operations and errors. Stateless. */
final class Responses {

  /** Header echoing the request id, which the SDKs put in their exceptions. */
  static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

  record Built(FullHttpResponse message, int status) {
  }

  private Responses() {
  }

  static Built success(RequestHead head, Protocol protocol, AwsResponse response) {
    if (response instanceof AwsResponse.Document document) {
      return build(head, document.status(), protocol.contentType(), protocol.encode(document.body()), document.headers());
    }
    AwsResponse.Binary binary = (AwsResponse.Binary) response;
    return build(head, binary.status(), binary.contentType(), binary.body(), binary.headers());
  }

  static Built error(RequestHead head, AwsException error) {
    Protocol protocol = head == null ? Protocol.REST_JSON : head.protocol();
    byte[] body = ErrorBodies.encode(protocol, error.type(), error.getMessage());
    return build(head, error.type().httpStatus(), protocol.contentType(), body,
        Map.of(ErrorBodies.ERROR_TYPE_HEADER, error.type().name()));
  }

  private static Built build(RequestHead head, int status, String contentType, byte[] body, Map<String, String> headers) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (head != null) {
      response.headers().set(REQUEST_ID_HEADER, head.requestId());
    }
    headers.forEach(response.headers()::set);
    return new Built(response, status);
  }
}
