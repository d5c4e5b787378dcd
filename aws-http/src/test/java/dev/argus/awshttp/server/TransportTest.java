package dev.argus.awshttp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.SocketChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Both transports really serve a loopback connection, and the best one is epoll where it loads. */
class TransportTest {

  @Test
  void bestIsEpollWhereItLoads() {
    assertThat(Transport.best().name()).isEqualTo(Epoll.isAvailable() ? "epoll" : "nio");
    assertThat(Transport.epollUnavailability() == null).isEqualTo(Epoll.isAvailable());
  }

  @Test
  void nioEchoes() throws Exception {
    assertEchoes(Transport.nio());
  }

  @Test
  void epollEchoes() throws Exception {
    assumeTrue(Epoll.isAvailable(), "native epoll does not load here");
    assertEchoes(Transport.epoll());
  }

  private static void assertEchoes(Transport transport) throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers().get());
    try {
      Channel server = new ServerBootstrap().group(group).channel(transport.serverClass())
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                  ctx.writeAndFlush((ByteBuf) msg);
                }
              });
            }
          })
          .bind("127.0.0.1", 0).sync().channel();
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      try (Socket socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        out.write("ping".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
      }
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
  }
}
