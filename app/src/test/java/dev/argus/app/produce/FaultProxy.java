package dev.argus.app.produce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToLongFunction;

/**
 * A loopback TCP proxy that injects faults between a producer and the server: it cuts connection
 * {@code n} after {@code cutAfter(n)} bytes from the client (negative: never), and holds every
 * chunk from the server (the ACK stream) on connection {@code n} for {@code ackDelay(n)} before
 * passing it on.
 *
 * <p>Test-only. Thread-safe; one thread per direction per connection, all stopped by {@link #close()}.
 */
final class FaultProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final IntToLongFunction cutAfter;
  private final java.util.function.IntFunction<Duration> ackDelay;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean closed;

  FaultProxy(InetSocketAddress target, IntToLongFunction cutAfter, java.util.function.IntFunction<Duration> ackDelay)
      throws IOException {
    this.target = target;
    this.cutAfter = cutAfter;
    this.ackDelay = ackDelay;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "fault-proxy-accept");
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Connections this proxy cut. */
  int cuts() {
    return cuts.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        int index = connections.getAndIncrement();
        Socket server = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(server);
        start("up-" + index, () -> pump(client, server, cutAfter.applyAsLong(index), Duration.ZERO));
        start("down-" + index, () -> pump(server, client, -1, ackDelay.apply(index)));
      } catch (IOException e) {
        if (!closed) {
          sleepQuietly(Duration.ofMillis(10));
        }
      }
    }
  }

  private static void start(String name, Runnable body) {
    Thread t = new Thread(body, "fault-proxy-" + name);
    t.setDaemon(true);
    t.start();
  }

  private void pump(Socket from, Socket to, long cutAt, Duration delay) {
    byte[] buffer = new byte[16 * 1024];
    long forwarded = 0;
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (cutAt >= 0 && forwarded + n > cutAt) {
          out.write(buffer, 0, (int) (cutAt - forwarded));
          out.flush();
          cuts.incrementAndGet();
          closeBoth(from, to);
          return;
        }
        if (!delay.isZero()) {
          sleepQuietly(delay);
        }
        out.write(buffer, 0, n);
        out.flush();
        forwarded += n;
      }
    } catch (IOException e) {
      // one side went away: close the other too
    }
    closeBoth(from, to);
  }

  private static void closeBoth(Socket a, Socket b) {
    try {
      a.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      b.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
