package dev.argus.awshttp.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.function.Supplier;

/**
 * The socket transport the server runs on: Netty's native epoll where its library loads (Linux),
 * else the JDK's NIO. Epoll is edge-triggered and skips NIO's selected-key set and wake-up pipe, so
 * a request costs fewer system calls and less CPU; both behave the same to handlers.
 *
 * @param name        {@code "epoll"} or {@code "nio"}, for the startup log
 * @param ioHandlers  makes one event loop's I/O handler
 * @param serverClass the listening socket's channel class, matching {@code ioHandlers}
 */
record Transport(String name, Supplier<IoHandlerFactory> ioHandlers, Class<? extends ServerChannel> serverClass) {

  /** Epoll when available, else NIO. */
  static Transport best() {
    return Epoll.isAvailable() ? epoll() : nio();
  }

  static Transport epoll() {
    return new Transport("epoll", EpollIoHandler::newFactory, EpollServerSocketChannel.class);
  }

  static Transport nio() {
    return new Transport("nio", NioIoHandler::newFactory, NioServerSocketChannel.class);
  }

  /** Why epoll is not used, or null when it is available. */
  static Throwable epollUnavailability() {
    return Epoll.unavailabilityCause();
  }
}
