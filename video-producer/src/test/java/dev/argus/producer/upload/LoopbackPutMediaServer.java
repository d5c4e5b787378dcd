package dev.argus.producer.upload;

import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only PutMedia endpoint on 127.0.0.1 for unit-testing the client's ACK handling and
 * reconnect logic (the end-to-end tests use the real fragment store): it parses the chunked body
 * with the parser's MkvParser and answers each complete Cluster (of known size, or of unknown size
 * ended by the next Cluster or the end of the body) as {@link Behaviour} says, and records when each
 * frame arrived.
 */
final class LoopbackPutMediaServer implements AutoCloseable {

  /** What the server does on connection {@code index} (0-based) for the fragment it just received. */
  interface Behaviour {
    /** Acks to send for a complete cluster: lines without newline; empty to stay silent. */
    List<String> onCluster(int connection, long timecode, int frames);

    /** Bytes of body after which to cut connection {@code connection}, or -1 never. */
    default long cutAfterBytes(int connection) {
      return -1;
    }

    /** An HTTP error to answer connection {@code connection} with instead of 200, or null. */
    default HttpResponseStatus refuse(int connection) {
      return null;
    }
  }

  /** A frame as it arrived: its absolute timecode (ms) and {@link System#nanoTime()} when parsed. */
  record Arrival(int connection, long timecode, long nanoTime) {}

  /** A cluster the server parsed completely. */
  record Received(int connection, long timecode, int frames) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  final List<String> streamNames = new CopyOnWriteArrayList<>();
  private final List<Channel> children = new CopyOnWriteArrayList<>();
  private final Channel server;
  private final Behaviour behaviour;

  LoopbackPutMediaServer(EventLoopGroup group, Behaviour behaviour) throws InterruptedException {
    this.behaviour = behaviour;
    this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            children.add(ch);
            ch.pipeline().addLast(new HttpServerCodec(), new Handler(connections.getAndIncrement()));
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort());
  }

  static String ack(String type, long timecode) {
    return "{\"EventType\":\"" + type + "\",\"FragmentTimecode\":" + timecode + ",\"FragmentNumber\":\"" + (timecode * 10) + "\"}";
  }

  static String error(int id, long timecode) {
    return "{\"EventType\":\"ERROR\",\"FragmentTimecode\":" + timecode + ",\"ErrorId\":" + id + "}";
  }

  /** Acks every cluster RECEIVED then PERSISTED. */
  static List<String> persisted(long timecode) {
    return List.of(ack("BUFFERING", timecode), ack("RECEIVED", timecode), ack("PERSISTED", timecode));
  }

  /** Ends every open request: the response's last chunk, then a close (as a server's idle timeout does). */
  void closeAll() {
    for (Channel ch : children) {
      if (ch.isActive()) {
        ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> ch.close());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.close().sync();
  }

  private final class Handler extends SimpleChannelInboundHandler<HttpObject> {
    private final int index;
    private MkvParser parser;
    private long bodyBytes;
    private long clusterTimecode;
    private int frames;

    Handler(int index) {
      this.index = index;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpRequest request) {
        streamNames.add(request.headers().get("x-amzn-stream-name"));
        HttpResponseStatus refusal = behaviour.refuse(index);
        if (refusal != null) {
          DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal,
              Unpooled.copiedBuffer("{\"__type\":\"ResourceNotFoundException\",\"message\":\"no stream\"}", StandardCharsets.UTF_8));
          response.headers().set("x-amzn-ErrorType", "ResourceNotFoundException")
              .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
          // No close here: closing while the client still sends its body resets the connection and
          // can discard the refusal before the client reads it (RFC 9112, 9.6, lingering close).
          // The rest of the body is ignored (no parser); the client closes once it has the refusal.
          ctx.writeAndFlush(response);
          return;
        }
        DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.writeAndFlush(response);
        parser = new MkvParser(event -> onEvent(ctx, event));
      }
      if (msg instanceof HttpContent content && parser != null) {
        int readable = content.content().readableBytes();
        long cut = behaviour.cutAfterBytes(index);
        if (cut >= 0 && bodyBytes + readable > cut) {
          ctx.close();
          parser = null;
          return;
        }
        bodyBytes += readable;
        parser.feed(content.content().nioBuffer());
        if (msg instanceof LastHttpContent) {
          parser.finish(); // ends a last Cluster of unknown size
          parser = null;
          ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> ctx.close());
        }
      }
    }

    private void onEvent(ChannelHandlerContext ctx, MkvEvent event) {
      if (event instanceof MkvEvent.ClusterStart start) {
        clusterTimecode = start.timecode();
        frames = 0;
      } else if (event instanceof dev.argus.parser.mkv.Frame frame) {
        arrivals.add(new Arrival(index, frame.timecode(), System.nanoTime()));
        frames++;
      } else if (event instanceof MkvEvent.ClusterEnd) {
        received.add(new Received(index, clusterTimecode, frames));
        for (String line : behaviour.onCluster(index, clusterTimecode, frames)) {
          ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(line + "\n", StandardCharsets.UTF_8)));
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
