package dev.argus.fragmentstore.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.awshttp.api.RequestHead;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a media read (GetMedia, GetMediaForFragmentList): aggregates the small JSON request
 * body, opens a {@link ChunkSource} on a worker, then streams its chunks as one chunked 200
 * response, {@code Content-Type: video/webm}. Errors before the first byte are AWS errors.
 *
 * <p>Backpressure: one chunk is read ahead at most, and none while the channel is not writable,
 * so a slow reader holds at most about two fragments in memory and stalls only its own socket.
 *
 * <p>Not thread-safe: state is touched on the channel's event loop only; workers hand results back
 * through it.
 */
final class MediaStreamHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(MediaStreamHandler.class);
  /** Largest request body: a 1000-number GetMediaForFragmentList is about 50 KB. */
  static final int DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
  static final String CONTENT_TYPE = "video/webm";

  /** Opens the source for a request body, on a worker; throws the request's failure. */
  @FunctionalInterface
  interface Opener {
    ChunkSource open(RequestHead head, JsonNode body) throws Exception;
  }

  private final RequestHead head;
  private final Opener opener;
  private final Executor workers;
  private ChannelHandlerContext ctx;
  private CompositeByteBuf body;
  private ChunkSource source;
  /** A worker is reading the next chunk. */
  private boolean reading;
  private boolean started;
  private boolean done;

  MediaStreamHandler(RequestHead head, Opener opener, Executor workers) {
    this.head = head;
    this.opener = opener;
    this.workers = workers;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!(msg instanceof HttpContent content) || started) {
        return;
      }
      if (body.readableBytes() + content.content().readableBytes() > DEFAULT_MAX_REQUEST_BYTES) {
        started = true;
        fail(ErrorType.REQUEST_TOO_LARGE.exception("request body exceeds " + DEFAULT_MAX_REQUEST_BYTES + " bytes"));
        return;
      }
      body.addComponent(true, content.content().retain());
      if (content instanceof LastHttpContent) {
        started = true;
        byte[] bytes = ByteBufUtil.getBytes(body);
        body.release();
        body = null;
        open(bytes);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void open(byte[] bytes) {
    onWorker(() -> {
      ChunkSource opened;
      try {
        opened = opener.open(head, head.protocol().decode(bytes));
      } catch (Throwable e) {
        ctx.executor().execute(() -> fail(e));
        return;
      }
      ctx.executor().execute(() -> begin(opened));
    });
  }

  private void begin(ChunkSource opened) {
    if (done || !ctx.channel().isActive()) {
      opened.close();
      return;
    }
    source = opened;
    HttpResponse response = MediaResponses.streamingHead(head, CONTENT_TYPE);
    ctx.writeAndFlush(response);
    pump();
  }

  /**
   * Reads the next chunk if the channel can take it: on the event loop itself while the source's
   * next bytes are in memory (the live edge), else on a worker. Event loop only.
   */
  private void pump() {
    while (!done && !reading && source != null && ctx.channel().isWritable() && source.nextIsInMemory()) {
      Optional<byte[]> chunk;
      try {
        chunk = source.next();
      } catch (Throwable e) {
        log.warn("reading media for request {} failed", head.requestId(), e);
        abort();
        return;
      }
      if (!write(chunk)) {
        return;
      }
    }
    if (done || reading || source == null || !ctx.channel().isWritable()) {
      return;
    }
    reading = true;
    ChunkSource current = source;
    onWorker(() -> {
      Optional<byte[]> chunk;
      try {
        chunk = current.next();
      } catch (Throwable e) {
        log.warn("reading media for request {} failed", head.requestId(), e);
        ctx.executor().execute(this::abort);
        return;
      }
      ctx.executor().execute(() -> deliver(chunk));
    });
  }

  private void deliver(Optional<byte[]> chunk) {
    reading = false;
    if (!done && write(chunk)) {
      pump();
    }
  }

  /**
   * Writes a chunk that was read, or on none, finishes or waits for the source.
   *
   * @return whether a chunk was written (so the next one may be read)
   */
  private boolean write(Optional<byte[]> chunk) {
    if (chunk.isPresent()) {
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.get())));
      return true;
    }
    if (source.finished()) {
      finish();
    } else {
      source.whenAvailable(() -> ctx.executor().execute(this::pump));
    }
    return false;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    pump();
    ctx.fireChannelWritabilityChanged();
  }

  private void finish() {
    done = true;
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    release();
    ctx.pipeline().remove(this);
  }

  /** A failure after the head was sent: the response cannot carry an error, so the connection closes. */
  private void abort() {
    done = true;
    release();
    ctx.close();
  }

  private void fail(Throwable failure) {
    if (done) {
      return;
    }
    done = true;
    FullHttpResponse response = MediaResponses.error(head, failure, false);
    release();
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    ctx.pipeline().remove(this);
  }

  private void onWorker(Runnable task) {
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      ctx.executor().execute(() -> fail(ErrorType.SERVICE_UNAVAILABLE.exception("server is busy; retry")));
    }
  }

  private void release() {
    if (body != null) {
      body.release();
      body = null;
    }
    if (source != null) {
      source.close();
      source = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    done = true;
    release();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (body != null) {
      body.release();
      body = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing media stream {} after {}", ctx.channel(), cause.toString());
    done = true;
    release();
    ctx.close();
  }
}
