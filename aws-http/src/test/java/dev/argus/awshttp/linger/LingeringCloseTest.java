package dev.argus.awshttp.linger;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that refuses a request at its head ({@code Connection: close}, behind Netty's
 * keep-alive handler as in our server), while the client is still sending a large body: with a
 * lingering close the client reads the whole refusal, and the server closes once the client does.
 */
class LingeringCloseTest {
  private static final String REFUSAL = "{\"message\":\"no such stream\"}";
  private EventLoopGroup group;
  private Channel server;
  private final CompletableFuture<Channel> accepted = new CompletableFuture<>();

  /** Refuses every request as soon as its head arrives, without reading the body. */
  private static final class Refuser extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      boolean head = msg instanceof HttpRequest;
      ReferenceCountUtil.release(msg);
      if (head) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
            Unpooled.copiedBuffer(REFUSAL, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        LingeringClose.writeAndClose(ctx, response, Duration.ofSeconds(30));
      }
    }
  }

  @BeforeEach
  void start() throws Exception {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            accepted.complete(ch);
            ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(), new Refuser());
          }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
  }

  @AfterEach
  void stop() throws Exception {
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void theClientReadsTheWholeRefusalWhileStillSendingItsBody() throws Exception {
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      int bodyBytes = 8 << 20;
      out.write(("POST /putMedia HTTP/1.1\r\nHost: x\r\nContent-Length: " + bodyBytes + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
        byte[] block = new byte[64 * 1024];
        try {
          for (int sent = 0; sent < bodyBytes; sent += block.length) {
            out.write(block);
          }
        } catch (IOException e) {
          // the server may stop taking the body once it has answered
        }
      });
      String response = readAll(socket.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 404").endsWith(REFUSAL);
      Channel child = accepted.get(10, TimeUnit.SECONDS);
      assertThat(child.isOpen()).isTrue(); // lingering: it waits for the client
      sending.get(30, TimeUnit.SECONDS);
      socket.close();
      assertThat(child.closeFuture().await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aChannelThatCannotHalfCloseClosesOnceTheResponseIsWritten() {
    EmbeddedChannel channel = new EmbeddedChannel(new Refuser());
    channel.writeInbound(new io.netty.handler.codec.http.DefaultHttpRequest(HttpVersion.HTTP_1_1,
        io.netty.handler.codec.http.HttpMethod.POST, "/putMedia"));
    FullHttpResponse written = channel.readOutbound();
    assertThat(written.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
    written.release();
    assertThat(channel.isOpen()).isFalse();
  }

  /** Reads until the server ends its output (the FIN of the half-close). */
  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer)) != -1) {
      bytes.write(buffer, 0, n);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
