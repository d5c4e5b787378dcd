package dev.argus.producer.upload;

import dev.argus.producer.ack.AckEvent;
import dev.argus.producer.ack.AckReader;
import dev.argus.producer.ack.MalformedAckException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One PutMedia request: {@code POST /putMedia} over HTTP/1.1 with a chunked body of MKV that never
 * ends until {@link #finish()}, and the response's ACK stream read concurrently on the Netty event
 * loop and handed to {@link Events}.
 *
 * <p>A non-200 response is a failure; its {@code x-amzn-ErrorType} decides whether it is retriable
 * (5xx, throttling and connection-limit errors are; a missing stream or bad argument is not). Up to
 * {@link #MAX_ERROR_BODY} bytes of its body are kept for the message.
 *
 * <p>Writes happen on the caller's thread and wait for the channel's writability (high water mark
 * {@link #HIGH_WATER_MARK}), so the socket, not memory, absorbs a slow server. Thread-safe: one
 * writer thread, events on the event loop.
 */
final class PutMediaConnection {

  /** Callbacks on the event loop; they must not block. */
  interface Events {
    void ack(AckEvent ack);

    /** The connection failed; called at most once, and then {@link #ended()} is not called. */
    void failed(PutMediaException failure);

    /** The response ended or the connection closed; called at most once. */
    void ended();
  }

  static final int HIGH_WATER_MARK = 1 << 20;
  static final int LOW_WATER_MARK = 256 << 10;
  static final int MAX_ERROR_BODY = 8 << 10;

  private final Channel channel;
  private final Object writability = new Object();

  private PutMediaConnection(Channel channel) {
    this.channel = channel;
  }

  /** Connects and sends the request head; blocks up to {@code connectTimeout}. */
  static PutMediaConnection open(EventLoopGroup group, PutMediaTarget target, long producerStartMillis,
      Duration connectTimeout, Events events) throws PutMediaException {
    Handler handler = new Handler(events);
    Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), handler);
          }
        });
    ChannelFuture connect = bootstrap.connect(target.host(), target.port());
    connect.awaitUninterruptibly(connectTimeout.toMillis() + 1000);
    if (!connect.isSuccess()) {
      connect.channel().close();
      Throwable cause = connect.cause();
      throw new PutMediaException("cannot connect to " + target.endpoint() + ": "
          + (cause == null ? "timed out" : cause.getMessage()), true, cause);
    }
    PutMediaConnection connection = new PutMediaConnection(connect.channel());
    handler.connection = connection;
    connection.channel.writeAndFlush(request(target, producerStartMillis));
    return connection;
  }

  static HttpRequest request(PutMediaTarget target, long producerStartMillis) {
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/putMedia");
    request.headers()
        .set(HttpHeaderNames.HOST, target.hostHeader())
        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
        .set(HttpHeaderNames.ACCEPT, "*/*")
        .set("x-amzn-stream-name", target.streamName())
        .set("x-amzn-fragment-timecode-type", "ABSOLUTE")
        .set("x-amzn-producer-start-timestamp", String.format(Locale.ROOT, "%d.%03d",
            producerStartMillis / 1000, producerStartMillis % 1000));
    return request;
  }

  /**
   * Sends bytes as one chunk once the channel is writable; returns false when it did not become
   * writable within {@code maxWait} or the connection is closed.
   */
  boolean write(byte[] bytes, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    synchronized (writability) {
      while (channel.isActive() && !channel.isWritable()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        writability.wait(Math.max(1, left / 1_000_000));
      }
    }
    if (!channel.isActive()) {
      return false;
    }
    channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
    return true;
  }

  /** Ends the request body; the server then finishes its acks and the response. */
  void finish() {
    if (channel.isActive()) {
      channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
  }

  boolean isOpen() {
    return channel.isActive();
  }

  void close() {
    channel.close();
  }

  private void writabilityChanged() {
    synchronized (writability) {
      writability.notifyAll();
    }
  }

  /** Reads the response: a status, then the ACK stream. Not shared between channels. */
  private static final class Handler extends SimpleChannelInboundHandler<HttpObject> {
    private final Events events;
    private final AckReader reader = new AckReader();
    private volatile PutMediaConnection connection;
    private HttpResponse errorResponse;
    private final StringBuilder errorBody = new StringBuilder();
    private boolean done;

    Handler(Events events) {
      this.events = events;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (done) {
        return;
      }
      if (msg instanceof HttpResponse response && response.status().code() != 200) {
        errorResponse = response;
      }
      if (msg instanceof HttpContent content) {
        if (errorResponse != null) {
          collectError(ctx, content);
        } else {
          readAcks(ctx, content.content());
          if (!done && msg instanceof LastHttpContent) {
            finishAcks(ctx);
          }
        }
      }
    }

    private void collectError(ChannelHandlerContext ctx, HttpContent content) {
      int room = MAX_ERROR_BODY - errorBody.length();
      ByteBuf buf = content.content();
      errorBody.append(buf.toString(buf.readerIndex(), Math.min(room, buf.readableBytes()), StandardCharsets.UTF_8));
      if (content instanceof LastHttpContent || errorBody.length() >= MAX_ERROR_BODY) {
        fail(ctx, refused(errorResponse, errorBody.toString()));
      }
    }

    private void readAcks(ChannelHandlerContext ctx, ByteBuf buf) {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.getBytes(buf.readerIndex(), bytes);
      try {
        deliver(reader.feed(bytes, 0, bytes.length));
      } catch (MalformedAckException e) {
        fail(ctx, new PutMediaException(e.getMessage(), true, e));
      }
    }

    private void finishAcks(ChannelHandlerContext ctx) {
      try {
        deliver(reader.finish());
        end();
      } catch (MalformedAckException e) {
        fail(ctx, new PutMediaException(e.getMessage(), true, e));
      }
    }

    private void deliver(List<AckEvent> acks) {
      for (AckEvent ack : acks) {
        events.ack(ack);
      }
    }

    private void fail(ChannelHandlerContext ctx, PutMediaException failure) {
      if (!done) {
        done = true;
        events.failed(failure);
      }
      ctx.close();
    }

    private void end() {
      if (!done) {
        done = true;
        events.ended();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (errorResponse != null && !done) {
        fail(ctx, refused(errorResponse, errorBody.toString()));
      }
      end();
      PutMediaConnection c = connection;
      if (c != null) {
        c.writabilityChanged();
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      PutMediaConnection c = connection;
      if (c != null) {
        c.writabilityChanged();
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(ctx, new PutMediaException("connection error: " + cause.getMessage(), true, cause));
    }

    static PutMediaException refused(HttpResponse response, String body) {
      int status = response.status().code();
      String type = response.headers().get("x-amzn-ErrorType", "");
      boolean retriable = status >= 500 || status == 429 || type.startsWith("ConnectionLimitExceeded")
          || type.startsWith("ClientLimitExceeded");
      return new PutMediaException("PutMedia refused: HTTP " + status + " " + type + " " + body.strip(), retriable);
    }
  }
}
