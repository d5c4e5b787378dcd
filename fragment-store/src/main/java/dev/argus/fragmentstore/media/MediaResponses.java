package dev.argus.fragmentstore.media;

import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.protocol.ErrorBodies;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP heads and error responses of the streaming media operations. Stateless. */
final class MediaResponses {
  private static final Logger log = LoggerFactory.getLogger(MediaResponses.class);
  static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

  private MediaResponses() {
  }

  /** A 200 head for a chunked response body of {@code contentType}. */
  static HttpResponse streamingHead(RequestHead head, String contentType) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().set(REQUEST_ID_HEADER, head.requestId());
    HttpUtil.setTransferEncodingChunked(response, true);
    return response;
  }

  /**
   * The AWS error response for a failure ({@link MediaErrors}); an unknown failure is logged and
   * becomes InternalFailure. {@code close} adds {@code Connection: close} (the request body was not
   * read to its end).
   */
  static FullHttpResponse error(RequestHead head, Throwable failure, boolean close) {
    AwsException error = MediaErrors.toAws(failure);
    if (error == null) {
      log.warn("request {} failed: {} {}", head.requestId(), head.method(), head.path(), failure);
      error = ErrorType.INTERNAL_FAILURE.exception("internal failure; request id " + head.requestId());
    }
    byte[] bytes = ErrorBodies.encode(head.protocol(), error.type(), error.getMessage());
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(error.type().httpStatus()), Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, head.protocol().contentType());
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    response.headers().set(ErrorBodies.ERROR_TYPE_HEADER, error.type().name());
    response.headers().set(REQUEST_ID_HEADER, head.requestId());
    if (close) {
      HttpUtil.setKeepAlive(response, false);
    }
    return response;
  }
}
