package dev.argus.app.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

  @Test
  void forwardsBothWaysAndCutsWhereTold() throws Exception {
    try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      java.util.List<Long> received = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread server = new Thread(() -> {
        while (true) {
          try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            long n = 0;
            byte[] buf = new byte[1024];
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
              out.write(buf, 0, r);
              out.flush();
              n += r;
              if (n == 5) {
                break;
              }
            }
            received.add(n);
          } catch (Exception e) {
            return;
          }
        }
      });
      server.setDaemon(true);
      server.start();
      InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort());
      try (FaultProxy proxy = new FaultProxy(target, i -> i == 0 ? 10 : -1, i -> Duration.ZERO)) {
        try (Socket first = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
          first.getOutputStream().write(new byte[100]);
        }
        try (Socket second = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
          second.getOutputStream().write("hello".getBytes());
          byte[] got = second.getInputStream().readNBytes(5);
          assertThat(new String(got)).isEqualTo("hello");
        }
        assertThat(received).containsExactly(10L, 5L);
        assertThat(proxy.connections()).isEqualTo(2);
        assertThat(proxy.cuts()).isEqualTo(1);
      }
    }
  }
}
