package dev.argus.awshttp.server;

import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.AwsRequest;
import dev.argus.awshttp.api.AwsResponse;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.awshttp.api.Operation;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.api.StreamingOperation;
import dev.argus.awshttp.api.UnaryOperation;
import dev.argus.awshttp.protocol.Protocol;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches each request on a channel (an HTTP/1.1 connection or an HTTP/2 stream) to its
 * operation. A state machine over the request's messages:
 *
 * <pre>
 * IDLE --head, unary--------&gt; AGGREGATING --last--&gt; RESPONDING --written--&gt; IDLE
 * IDLE --head, too large----&gt; DISCARDING  --last--&gt; RESPONDING (413)
 * IDLE --head, streaming----&gt; STREAMING   --last--&gt; IDLE (the operation's handler answers)
 * </pre>
 *
 * Unary bodies are aggregated up to {@link ServerConfig#maxUnaryBodyBytes()}, decoded and handed
 * to a worker; the event loop never runs an operation. A request whose head is malformed, or one
 * that arrives while the previous response is still pending (HTTP/1.1 pipelining, which the AWS
 * SDKs never do), gets an error; nothing here throws into Netty.
 *
 * <p>Not thread-safe: one instance per channel, used on that channel's event loop only.
 */
final class RequestRouter extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(RequestRouter.class);

  private enum State { IDLE, AGGREGATING, DISCARDING, STREAMING, RESPONDING }

  private final Routes routes;
  private final RequestIds requestIds;
  private final Executor workers;
  private final InFlight inFlight;
  private final int maxBodyBytes;

  private State state = State.IDLE;
  /** The current request's head; null in IDLE. */
  private RequestHead head;
  /** The unary operation being aggregated for; null unless AGGREGATING. */
  private UnaryOperation operation;
  /** The aggregated body so far; non-null only while AGGREGATING. */
  private CompositeByteBuf body;
  /** The error to answer once a discarded body has been read. */
  private AwsException pendingError;
  private long startNanos;

  RequestRouter(Routes routes, RequestIds requestIds, Executor workers, InFlight inFlight, int maxBodyBytes) {
    this.routes = routes;
    this.requestIds = requestIds;
    this.workers = workers;
    this.inFlight = inFlight;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest) && !(msg instanceof HttpContent)) {
      ctx.fireChannelRead(msg); // HTTP/2 control frames and the like: not ours
      return;
    }
    if (state == State.STREAMING) {
      if (msg instanceof LastHttpContent) {
        state = State.IDLE;
        head = null;
      }
      ctx.fireChannelRead(msg); // the operation's handler, right after us, owns it
      return;
    }
    boolean forwarded = false;
    try {
      if (msg instanceof HttpRequest request) {
        forwarded = onHead(ctx, request);
      }
      if (!forwarded && msg instanceof HttpContent content) {
        onContent(ctx, content);
      }
    } finally {
      if (!forwarded) {
        ReferenceCountUtil.release(msg);
      }
    }
  }

  /** Starts a request; returns true when the request went on to a streaming handler. */
  private boolean onHead(ChannelHandlerContext ctx, HttpRequest request) {
    if (state != State.IDLE) {
      log.warn("request {} {} arrived before the previous response; closing", request.method(), request.uri());
      ctx.close();
      return false;
    }
    startNanos = System.nanoTime();
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String query = request.uri().contains("?") ? request.uri().substring(request.uri().indexOf('?') + 1) : "";
    head = new RequestHead(request.method(), uri.path(), query, request.headers(), requestIds.next());
    inFlight.begin();
    if (request.decoderResult().isFailure()) {
      beginDiscard(ErrorType.SERIALIZATION.exception("malformed HTTP request: " + request.decoderResult().cause()));
      return false;
    }
    Operation resolved;
    try {
      resolved = routes.resolve(head);
    } catch (RuntimeException e) {
      log.warn("routing failed for request {}", head.requestId(), e);
      beginDiscard(ErrorType.INTERNAL_FAILURE.exception("routing failed"));
      return false;
    }
    if (resolved instanceof StreamingOperation streaming) {
      inFlight.end(); // streams end when their handler says so, not with a response
      ctx.pipeline().addAfter(ctx.name(), null, streaming.newHandler(head));
      state = State.STREAMING;
      if (request instanceof LastHttpContent) {
        state = State.IDLE;
      }
      ctx.fireChannelRead(request);
      return true;
    }
    if (HttpUtil.getContentLength(request, -1L) > maxBodyBytes) {
      beginDiscard(tooLarge());
      return false;
    }
    operation = (UnaryOperation) resolved;
    body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    state = State.AGGREGATING;
    return false;
  }

  private void onContent(ChannelHandlerContext ctx, HttpContent content) {
    if (state == State.AGGREGATING) {
      if (body.readableBytes() + content.content().readableBytes() > maxBodyBytes) {
        body.release();
        body = null;
        beginDiscard(tooLarge());
      } else if (content.content().isReadable()) {
        body.addComponent(true, content.content().retain());
      }
    }
    if (!(content instanceof LastHttpContent)) {
      return;
    }
    if (state == State.AGGREGATING) {
      byte[] bytes = ByteBufUtil.getBytes(body);
      body.release();
      body = null;
      state = State.RESPONDING;
      dispatch(ctx, operation, bytes);
      operation = null;
    } else if (state == State.DISCARDING) {
      state = State.RESPONDING;
      respond(ctx, Responses.error(head, pendingError));
      pendingError = null;
    }
  }

  private void beginDiscard(AwsException error) {
    pendingError = error;
    state = State.DISCARDING;
  }

  private AwsException tooLarge() {
    return ErrorType.REQUEST_TOO_LARGE.exception("request body exceeds " + maxBodyBytes + " bytes");
  }

  /**
   * Decodes and runs the operation on a worker, then answers on the event loop. A response ready
   * when the operation returns is encoded on the worker; one completed later by another thread
   * (a put's stage completes on the log's fsync thread) is encoded on the event loop, so that
   * thread goes back to forcing logs at once. Every failure, {@link Error}s included, ends in a
   * response: a request is never left unanswered.
   */
  private void dispatch(ChannelHandlerContext ctx, UnaryOperation op, byte[] bytes) {
    RequestHead current = head;
    Protocol protocol = current.protocol();
    try {
      workers.execute(() -> {
        CompletionStage<AwsResponse> stage;
        try {
          stage = op.handle(new AwsRequest(current, protocol, protocol.decode(bytes)));
        } catch (Throwable e) {
          stage = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<AwsResponse> future = stage.toCompletableFuture();
        if (future.isDone()) {
          Responses.Built built = build(current, protocol, future);
          ctx.executor().execute(() -> respond(ctx, built));
        } else {
          future.whenComplete((response, failure) -> ctx.executor().execute(
              () -> respond(ctx, build(current, protocol, future))));
        }
      });
    } catch (RejectedExecutionException e) {
      respond(ctx, Responses.error(current, ErrorType.SERVICE_UNAVAILABLE.exception("server is busy; retry")));
    }
  }

  /** The HTTP response for a completed operation: its document, or its failure as an AWS error. */
  private static Responses.Built build(RequestHead current, Protocol protocol, CompletableFuture<AwsResponse> done) {
    try {
      return Responses.success(current, protocol, done.join());
    } catch (Throwable e) {
      return Responses.error(current, asAwsException(current, e));
    }
  }

  private static AwsException asAwsException(RequestHead head, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof AwsException aws) {
      return aws;
    }
    log.warn("request {} failed: {} {}", head.requestId(), head.method(), head.path(), cause);
    return ErrorType.INTERNAL_FAILURE.exception("internal failure; request id " + head.requestId());
  }

  private void respond(ChannelHandlerContext ctx, Responses.Built response) {
    RequestHead current = head;
    ctx.writeAndFlush(response.message()).addListener(written -> {
      state = State.IDLE;
      head = null;
      inFlight.end();
      logCompletion(current, response.status());
    });
  }

  private void logCompletion(RequestHead current, int status) {
    if (current == null) {
      return;
    }
    long micros = (System.nanoTime() - startNanos) / 1_000;
    if (status >= 500) {
      log.warn("{} {} {} -> {} in {} us [{}]", current.method(), current.path(), current.target(), status, micros,
          current.requestId());
    } else if (log.isDebugEnabled()) {
      log.debug("{} {} {} -> {} in {} us [{}]", current.method(), current.path(), current.target(), status, micros,
          current.requestId());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (body != null) {
      body.release();
      body = null;
    }
    if (state == State.AGGREGATING || state == State.DISCARDING) {
      inFlight.end(); // the response will never be written
    }
    state = State.IDLE;
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing channel {} after {}", ctx.channel(), cause.toString());
    ctx.close();
  }
}
