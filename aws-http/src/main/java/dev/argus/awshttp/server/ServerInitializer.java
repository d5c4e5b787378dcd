package dev.argus.awshttp.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import java.util.concurrent.Executor;

/**
 * The pipeline of one connection. HTTP/1.1 and cleartext HTTP/2 share the port:
 * {@link CleartextHttp2ServerUpgradeHandler} looks for the HTTP/2 connection preface (prior
 * knowledge, RFC 9113 §3.3, which the AWS SDK's async clients use for {@code http://}
 * endpoints) and also accepts an {@code Upgrade: h2c} request. Over HTTP/2 every stream becomes a
 * child channel whose frames are turned into HTTP/1.1 message objects, so one
 * {@link RequestRouter} serves both versions.
 *
 * <p>Thread-safe: it only creates handlers.
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {

  /** Request line limit; AWS requests have short paths. */
  static final int MAX_INITIAL_LINE_BYTES = 8 * 1024;
  /** Header block limit; SigV4 headers and tokens fit comfortably. */
  static final int MAX_HEADER_BYTES = 32 * 1024;
  /** Largest chunk the HTTP/1.1 decoder hands on at once; bigger ones are split. */
  static final int MAX_CHUNK_BYTES = 64 * 1024;
  /** Concurrent streams per HTTP/2 connection. */
  static final int MAX_CONCURRENT_STREAMS = 1000;

  private final Routes routes;
  private final RequestIds requestIds = RequestIds.random();
  private final Executor workers;
  private final InFlight inFlight;
  private final int maxBodyBytes;
  private final ChannelGroup channels;

  ServerInitializer(Routes routes, Executor workers, InFlight inFlight, int maxBodyBytes, ChannelGroup channels) {
    this.routes = routes;
    this.workers = workers;
    this.inFlight = inFlight;
    this.maxBodyBytes = maxBodyBytes;
    this.channels = channels;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    channels.add(ch);
    HttpServerCodec http1 = new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
        .setMaxHeaderSize(MAX_HEADER_BYTES)
        .setMaxChunkSize(MAX_CHUNK_BYTES));
    HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(http1, protocol ->
        AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
            ? new Http2ServerUpgradeCodec(http2FrameCodec(), http2Multiplexer())
            : null,
        // An upgrade request's body is aggregated before the switch (java.net.http sends its
        // first POST that way), so it gets the same limit as any unary body.
        maxBodyBytes);
    ChannelHandler priorKnowledge = new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel channel) {
        channel.pipeline().addLast(http2FrameCodec(), http2Multiplexer());
      }
    };
    ch.pipeline().addLast(new CleartextHttp2ServerUpgradeHandler(http1, upgrade, priorKnowledge));
    // Used only when the connection stays HTTP/1.1; over HTTP/2 nothing reaches them.
    ch.pipeline().addLast(new HttpServerExpectContinueHandler());
    ch.pipeline().addLast(new HttpServerKeepAliveHandler());
    ch.pipeline().addLast(newRouter());
  }

  private Http2FrameCodec http2FrameCodec() {
    return Http2FrameCodecBuilder.forServer()
        .initialSettings(Http2Settings.defaultSettings()
            .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
            .maxHeaderListSize(MAX_HEADER_BYTES))
        .build();
  }

  private ChannelHandler http2Multiplexer() {
    return new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel stream) {
        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), newRouter());
      }
    });
  }

  private RequestRouter newRouter() {
    return new RequestRouter(routes, requestIds, workers, inFlight, maxBodyBytes);
  }
}
