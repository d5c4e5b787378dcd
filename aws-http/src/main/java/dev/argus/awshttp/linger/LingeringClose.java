package dev.argus.awshttp.linger;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection after a last response without losing that response: a lingering close.
 *
 * <p>Closing a TCP socket while the peer's request bytes are still arriving, or lie unread in the
 * receive buffer, makes the kernel send a reset, and a reset can discard the response from the
 * peer's receive buffer before the peer reads it (RFC 7230 §6.6: a server "SHOULD NOT close both
 * halves of the connection" at once after a response to a request whose body it did not read). So:
 * <ol>
 *   <li>the request stops being processed: everything read from here on is discarded at the head
 *       of the pipeline, before any decoder; an {@link HttpServerKeepAliveHandler}, which would
 *       close at once after a {@code Connection: close} response, leaves the pipeline;</li>
 *   <li>the response is written and flushed;</li>
 *   <li>once written, the output is shut down (a FIN: the peer sees the response end), while input
 *       is still read and discarded, so nothing unread triggers a reset;</li>
 *   <li>the channel closes when the peer closes its side (end of input), or after the linger time
 *       at the latest ({@link #DEFAULT_LINGER}).</li>
 * </ol>
 * On a channel that cannot half-close (not a {@link DuplexChannel}, e.g. an embedded test
 * channel), it closes once the response is written.
 *
 * <p>Event-loop only; memory: nothing is kept (discarded bytes are released at once).
 */
public final class LingeringClose {
  /** Longest wait for the peer to close after the response went out. */
  public static final Duration DEFAULT_LINGER = Duration.ofSeconds(2);
  static final String HANDLER_NAME = "lingering-close-discard";

  private LingeringClose() {
  }

  /** {@link #writeAndClose(ChannelHandlerContext, Object, Duration)} with {@link #DEFAULT_LINGER}. */
  public static ChannelFuture writeAndClose(ChannelHandlerContext ctx, Object response) {
    return writeAndClose(ctx, response, DEFAULT_LINGER);
  }

  /**
   * Writes {@code response} as the connection's last message and closes the connection lingering.
   * Call on the channel's event loop.
   *
   * @return the write's future
   */
  public static ChannelFuture writeAndClose(ChannelHandlerContext ctx, Object response, Duration linger) {
    ChannelPipeline pipeline = ctx.pipeline();
    if (pipeline.get(HANDLER_NAME) == null) {
      pipeline.addFirst(HANDLER_NAME, new Discard());
    }
    if (pipeline.get(HttpServerKeepAliveHandler.class) != null) {
      // it would close both halves as soon as a "Connection: close" response is written
      pipeline.remove(HttpServerKeepAliveHandler.class);
    }
    ChannelFuture written = ctx.writeAndFlush(response);
    written.addListener(f -> {
      if (!f.isSuccess() || !(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isActive()) {
        ctx.channel().close();
        return;
      }
      ScheduledFuture<?> deadline = ctx.channel().eventLoop().schedule(() -> {
        ctx.channel().close();
      }, linger.toMillis(), TimeUnit.MILLISECONDS);
      ctx.channel().closeFuture().addListener(c -> deadline.cancel(false));
      duplex.shutdownOutput().addListener(s -> {
        if (!s.isSuccess()) {
          ctx.channel().close();
          return;
        }
        ctx.channel().config().setAutoRead(true);
        ctx.channel().read();
      });
    });
    return written;
  }

  /**
   * Drops whatever the peer still sends. With Netty's default (no half-closure allowed), the
   * channel closes by itself when the peer's input ends.
   */
  static final class Discard extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
