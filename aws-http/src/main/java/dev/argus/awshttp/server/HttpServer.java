package dev.argus.awshttp.server;

import dev.argus.awshttp.api.AwsApi;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one port: binds, serves every {@link AwsApi}, and shuts down in order.
 *
 * <p>Threads: one acceptor, event loops (Netty's default count) that only do I/O, and a bounded
 * pool of workers that run unary operations. Sockets use Netty's native epoll transport where it
 * loads and NIO otherwise ({@link Transport}); the choice is logged at startup.
 *
 * <p>Shutdown ({@link #close()}): stop accepting, wait up to the configured grace for in-flight
 * unary requests to be answered, close every connection (streams included), then stop the event
 * loops and workers. Storage is closed by whoever owns it, after this returns.
 *
 * <p>Thread-safe.
 */
public final class HttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private final ServerConfig config;
  private final EventLoopGroup acceptor;
  private final EventLoopGroup eventLoops;
  private final ThreadPoolExecutor workers;
  private final ChannelGroup channels;
  private final InFlight inFlight;
  private final Channel serverChannel;
  private boolean closed;

  private HttpServer(ServerConfig config, List<AwsApi> apis) throws InterruptedException {
    this.config = config;
    Transport transport = Transport.best();
    if (transport.name().equals("nio")) {
      log.info("socket transport: nio (epoll unavailable: {})", String.valueOf(Transport.epollUnavailability()));
    } else {
      log.info("socket transport: {}", transport.name());
    }
    this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("argus-accept", true),
        transport.ioHandlers().get());
    this.eventLoops = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("argus-io", true),
        transport.ioHandlers().get());
    this.workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(config.workerQueue()), new DefaultThreadFactory("argus-worker", true));
    this.workers.allowCoreThreadTimeOut(true);
    this.channels = new DefaultChannelGroup("argus", GlobalEventExecutor.INSTANCE);
    this.inFlight = new InFlight();
    ServerInitializer initializer = new ServerInitializer(new Routes(apis), workers, inFlight,
        config.maxUnaryBodyBytes(), channels);
    try {
      this.serverChannel = new ServerBootstrap()
          .group(acceptor, eventLoops)
          .channel(transport.serverClass())
          .option(ChannelOption.SO_BACKLOG, 1024)
          .option(ChannelOption.SO_REUSEADDR, true)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(initializer)
          .bind(config.host(), config.port())
          .sync()
          .channel();
    } catch (RuntimeException | InterruptedException e) {
      shutdownThreads();
      throw e;
    }
  }

  /**
   * Binds and starts serving. Fails (with the bind error) when the address is taken.
   *
   * @param apis asked in order for each request; the first that owns it serves it
   */
  public static HttpServer start(ServerConfig config, List<AwsApi> apis) throws InterruptedException {
    return new HttpServer(config, apis);
  }

  /** The bound address; its port is the real one when the configured port was 0. */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** {@code http://host:port}, with the bound port. */
  public String baseUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + address().getPort();
  }

  @Override
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    serverChannel.close().sync();
    int left = inFlight.awaitIdle(config.shutdownGrace());
    if (left > 0) {
      log.warn("closing with {} request(s) still in flight after {}", left, config.shutdownGrace());
    }
    channels.close().awaitUninterruptibly(config.shutdownGrace().toMillis());
    shutdownThreads();
  }

  private void shutdownThreads() throws InterruptedException {
    workers.shutdown();
    acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    acceptor.terminationFuture().await(5, TimeUnit.SECONDS);
    eventLoops.terminationFuture().await(5, TimeUnit.SECONDS);
  }
}
