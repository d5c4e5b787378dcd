package dev.argus.awshttp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.argus.awshttp.api.AwsApi;
import dev.argus.awshttp.api.AwsResponse;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.awshttp.api.Operation;
import dev.argus.awshttp.api.StreamingOperation;
import dev.argus.awshttp.api.UnaryOperation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class RequestRouterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
  private static final int LIMIT = 1024;

  /** Echoes the request body under "Echo"; "Fail" throws an AWS error; "Boom" a bug. */
  private static final AwsApi TEST_API = head -> {
    if (!head.target().startsWith("Test.")) {
      return Optional.empty();
    }
    UnaryOperation op = switch (head.target()) {
      case "Test.Echo" -> request -> CompletableFuture.completedFuture(AwsResponse.ok(Map.of("Echo", request.body())));
      case "Test.Fail" -> request -> {
        throw new ErrorType("ResourceNotFoundException", 400).exception("stream x not found");
      };
      case "Test.Boom" -> request -> {
        throw new IllegalStateException("secret internals");
      };
      default -> request -> CompletableFuture.failedFuture(ErrorType.UNKNOWN_OPERATION.exception(head.target()));
    };
    return Optional.<Operation>of(op);
  };

  private final List<Object> streamed = new ArrayList<>();

  private final AwsApi streamingApi = head -> head.path().equals("/stream")
      ? Optional.<Operation>of((StreamingOperation) h -> new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          streamed.add(msg instanceof HttpContent c ? c.content().toString(StandardCharsets.UTF_8) : "head:" + h.path());
          ReferenceCountUtil.release(msg);
        }
      })
      : Optional.empty();

  private EmbeddedChannel channel(Executor workers) {
    return new EmbeddedChannel(new RequestRouter(new Routes(List.of(streamingApi, TEST_API)), RequestIds.random(), workers,
        new InFlight(), LIMIT));
  }

  private static FullHttpRequest jsonRequest(String target, String body) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    request.headers().set("X-Amz-Target", target);
    request.headers().set("Content-Type", "application/x-amz-json-1.1");
    HttpUtil.setContentLength(request, request.content().readableBytes());
    return request;
  }

  private static FullHttpResponse exchange(EmbeddedChannel channel, HttpRequest... messages) {
    for (Object message : messages) {
      channel.writeInbound(message);
    }
    channel.runPendingTasks();
    FullHttpResponse response = channel.readOutbound();
    assertThat(response).as("a response").isNotNull();
    return response;
  }

  private static JsonNode json(FullHttpResponse response) throws Exception {
    try {
      return JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
    } finally {
      response.release();
    }
  }

  @Test
  void knownTargetRunsItsOperationAndAnswersInJson() throws Exception {
    EmbeddedChannel channel = channel(Runnable::run);
    FullHttpResponse response = exchange(channel, jsonRequest("Test.Echo", "{\"StreamName\":\"s\"}"));
    assertThat(response.status().code()).isEqualTo(200);
    assertThat(response.headers().get("Content-Type")).isEqualTo("application/x-amz-json-1.1");
    assertThat(response.headers().get("x-amzn-RequestId")).isNotBlank();
    assertThat(json(response).at("/Echo/StreamName").asText()).isEqualTo("s");
  }

  @Test
  void anOperationCompletedLaterByAnotherThreadIsAnsweredOnTheEventLoop() throws Exception {
    for (boolean fails : new boolean[] {false, true}) {
      CompletableFuture<AwsResponse> later = new CompletableFuture<>(); // completed after the worker returned
      AwsApi api = head -> Optional.<Operation>of((UnaryOperation) request -> later);
      EmbeddedChannel channel = new EmbeddedChannel(new RequestRouter(new Routes(List.of(api)), RequestIds.random(),
          Runnable::run, new InFlight(), LIMIT));
      channel.writeInbound(jsonRequest("Test.Later", "{}"));
      channel.runPendingTasks();
      assertThat((Object) channel.readOutbound()).as("no response before the operation completes").isNull();
      Thread completer = new Thread(() -> {
        if (fails) {
          later.completeExceptionally(new ErrorType("ResourceNotFoundException", 400).exception("gone"));
        } else {
          later.complete(AwsResponse.ok(Map.of("Done", true)));
        }
      });
      completer.start();
      completer.join();
      assertThat((Object) channel.readOutbound()).as("nothing written from the completing thread").isNull();
      channel.runPendingTasks();
      FullHttpResponse response = channel.readOutbound();
      assertThat(response).isNotNull();
      if (fails) {
        assertThat(response.status().code()).isEqualTo(400);
        assertThat(json(response).get("__type").asText()).isEqualTo("ResourceNotFoundException");
      } else {
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(json(response).get("Done").asBoolean()).isTrue();
      }
    }
  }

  @Test
  void unknownTargetIsUnknownOperationException() throws Exception {
    FullHttpResponse response = exchange(channel(Runnable::run), jsonRequest("Nope_2020.Whatever", "{}"));
    assertThat(response.status().code()).isEqualTo(400);
    assertThat(response.headers().get("x-amzn-ErrorType")).isEqualTo("UnknownOperationException");
    JsonNode body = json(response);
    assertThat(body.get("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(body.get("message").asText()).contains("Nope_2020.Whatever");
  }

  @Test
  void unknownPathIsUnknownOperationException() throws Exception {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/noSuchThing?x=1");
    FullHttpResponse response = exchange(channel(Runnable::run), request);
    assertThat(response.status().code()).isEqualTo(400);
    assertThat(json(response).get("message").asText()).contains("/noSuchThing");
  }

  @Test
  void malformedJsonIsSerializationException() throws Exception {
    FullHttpResponse response = exchange(channel(Runnable::run), jsonRequest("Test.Echo", "{\"StreamName\": "));
    assertThat(response.status().code()).isEqualTo(400);
    assertThat(json(response).get("__type").asText()).isEqualTo("SerializationException");
  }

  @Test
  void nonObjectBodyIsSerializationException() throws Exception {
    FullHttpResponse response = exchange(channel(Runnable::run), jsonRequest("Test.Echo", "[1,2]"));
    assertThat(json(response).get("__type").asText()).isEqualTo("SerializationException");
  }

  @Test
  void cborRequestGetsCborError() throws Exception {
    FullHttpRequest request = jsonRequest("Test.Echo", "not cbor \u00ff");
    request.headers().set("Content-Type", "application/x-amz-cbor-1.1");
    request.content().clear().writeBytes(new byte[] {(byte) 0xbf, 0x61}); // an indefinite map cut short
    HttpUtil.setContentLength(request, 2);
    FullHttpResponse response = exchange(channel(Runnable::run), request);
    assertThat(response.status().code()).isEqualTo(400);
    assertThat(response.headers().get("Content-Type")).isEqualTo("application/x-amz-cbor-1.1");
    byte[] bytes = new byte[response.content().readableBytes()];
    response.content().readBytes(bytes);
    response.release();
    assertThat(CBOR.readTree(bytes).get("__type").asText()).isEqualTo("SerializationException");
  }

  @Test
  void cborRequestGetsCborResponse() throws Exception {
    byte[] body = CBOR.writeValueAsBytes(Map.of("Data", new byte[] {1, 2, 3}));
    FullHttpRequest request = jsonRequest("Test.Echo", "");
    request.headers().set("Content-Type", "application/x-amz-cbor-1.1");
    request.content().clear().writeBytes(body);
    HttpUtil.setContentLength(request, body.length);
    FullHttpResponse response = exchange(channel(Runnable::run), request);
    byte[] bytes = new byte[response.content().readableBytes()];
    response.content().readBytes(bytes);
    response.release();
    assertThat(CBOR.readTree(bytes).at("/Echo/Data").binaryValue()).containsExactly(1, 2, 3);
  }

  @Test
  void typedAwsErrorKeepsItsNameAndStatus() throws Exception {
    FullHttpResponse response = exchange(channel(Runnable::run), jsonRequest("Test.Fail", "{}"));
    assertThat(response.status().code()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.get("__type").asText()).isEqualTo("ResourceNotFoundException");
    assertThat(body.get("message").asText()).isEqualTo("stream x not found");
  }

  @Test
  void bugBecomesInternalFailureWithoutInternals() throws Exception {
    FullHttpResponse response = exchange(channel(Runnable::run), jsonRequest("Test.Boom", "{}"));
    assertThat(response.status().code()).isEqualTo(500);
    String body = response.content().toString(StandardCharsets.UTF_8);
    response.release();
    assertThat(body).contains("InternalFailure").doesNotContain("secret internals").doesNotContain("at dev.argus");
  }

  @Test
  void declaredLengthOverLimitIs413WithoutBuffering() throws Exception {
    HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
    head.headers().set("X-Amz-Target", "Test.Echo");
    HttpUtil.setContentLength(head, LIMIT + 1);
    EmbeddedChannel channel = channel(Runnable::run);
    channel.writeInbound(head);
    ByteBuf chunk = Unpooled.wrappedBuffer(new byte[LIMIT + 1]);
    channel.writeInbound(new DefaultLastHttpContent(chunk));
    assertThat(chunk.refCnt()).as("discarded body released").isZero();
    channel.runPendingTasks();
    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(413);
    assertThat(json(response).get("__type").asText()).isEqualTo("RequestEntityTooLargeException");
  }

  @Test
  void chunkedBodyOverLimitIs413() throws Exception {
    HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
    head.headers().set("X-Amz-Target", "Test.Echo");
    HttpUtil.setTransferEncodingChunked(head, true);
    EmbeddedChannel channel = channel(Runnable::run);
    channel.writeInbound(head);
    for (int i = 0; i < 3; i++) {
      channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[LIMIT / 2])));
    }
    assertThat((Object) channel.readOutbound()).as("no answer before the body ends").isNull();
    channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
    channel.runPendingTasks();
    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(413);
    response.release();
  }

  @Test
  void connectionServesRequestsOneAfterAnother() throws Exception {
    EmbeddedChannel channel = channel(Runnable::run);
    for (int i = 0; i < 3; i++) {
      FullHttpResponse response = exchange(channel, jsonRequest("Test.Echo", "{\"N\":" + i + "}"));
      assertThat(json(response).at("/Echo/N").asInt()).isEqualTo(i);
    }
  }

  @Test
  void saturatedWorkersGive503() throws Exception {
    Executor full = task -> {
      throw new RejectedExecutionException("full");
    };
    FullHttpResponse response = exchange(channel(full), jsonRequest("Test.Echo", "{}"));
    assertThat(response.status().code()).isEqualTo(503);
    assertThat(json(response).get("__type").asText()).isEqualTo("ServiceUnavailableException");
  }

  @Test
  void streamingOperationGetsHeadAndEveryChunkUnaggregated() {
    EmbeddedChannel channel = channel(Runnable::run);
    HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/stream");
    HttpUtil.setTransferEncodingChunked(head, true);
    channel.writeInbound(head);
    channel.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer("a", StandardCharsets.UTF_8)));
    channel.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer("b", StandardCharsets.UTF_8)));
    channel.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer("c", StandardCharsets.UTF_8)));
    assertThat(streamed).containsExactly("head:/stream", "a", "b", "c");
  }
}
