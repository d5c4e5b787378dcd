package dev.argus.producer.upload;

import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.util.List;

/** Lets tests outside this package use the loopback endpoint that acks every fragment. */
public final class LoopbackPutMediaServerAccess implements AutoCloseable {

  private final LoopbackPutMediaServer server;

  private LoopbackPutMediaServerAccess(LoopbackPutMediaServer server) {
    this.server = server;
  }

  public static LoopbackPutMediaServerAccess acking(EventLoopGroup group) throws InterruptedException {
    return new LoopbackPutMediaServerAccess(new LoopbackPutMediaServer(group, (c, tc, n) -> LoopbackPutMediaServer.persisted(tc)));
  }

  public URI endpoint() {
    return server.endpoint();
  }

  public List<Long> timecodes() {
    return server.received.stream().map(LoopbackPutMediaServer.Received::timecode).toList();
  }

  public List<Integer> frameCounts() {
    return server.received.stream().map(LoopbackPutMediaServer.Received::frames).toList();
  }

  /** {@link System#nanoTime()} at which each frame was parsed, in arrival order. */
  public List<Long> frameArrivalNanos() {
    return server.arrivals.stream().map(LoopbackPutMediaServer.Arrival::nanoTime).toList();
  }

  /** How many frames arrived so far. */
  public int framesArrived() {
    return server.arrivals.size();
  }

  @Override
  public void close() throws InterruptedException {
    server.close();
  }
}
