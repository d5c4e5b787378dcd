package dev.argus.app.bench;

import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A GetMedia consumer from NOW: parses the live MKV as it arrives and times every frame from the
 * producer sending it to this reader having parsed it.
 */
final class BenchReader {
  private final URI endpoint;
  private final String stream;
  private final Latencies liveEdge;
  private final Latencies settled;
  private final long settledFromNanos;
  private final Map<String, Long> sentAt;

  /**
   * @param settled also gets the latencies of frames sent from {@code settledFromNanos} on (after
   *     the start-up of the run)
   */
  BenchReader(URI endpoint, String stream, Latencies liveEdge, Latencies settled, long settledFromNanos,
      Map<String, Long> sentAt) {
    this.endpoint = endpoint;
    this.stream = stream;
    this.liveEdge = liveEdge;
    this.settled = settled;
    this.settledFromNanos = settledFromNanos;
    this.sentAt = sentAt;
  }

  void run(long endNanos) throws IOException {
    HttpURLConnection http = (HttpURLConnection) endpoint.resolve("/getMedia").toURL().openConnection();
    http.setRequestMethod("POST");
    http.setDoOutput(true);
    http.setRequestProperty("Content-Type", "application/json");
    http.setReadTimeout(1000);
    byte[] body = ("{\"StreamName\":\"" + stream + "\",\"StartSelector\":{\"StartSelectorType\":\"NOW\"}}")
        .getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = http.getOutputStream()) {
      out.write(body);
    }
    // Each frame is timed as soon as its block is parsed: at the live edge GetMedia forwards the
    // blocks of a fragment as they arrive, inside a Cluster of unknown size.
    MkvParser parser = new MkvParser(event -> {
      if (event instanceof Frame frame) {
        Long sent = sentAt.remove(BenchProducer.frameKey(stream, frame.timestampMillis()));
        if (sent != null) {
          long latency = System.nanoTime() - sent;
          liveEdge.add(latency);
          if (sent - settledFromNanos >= 0) {
            settled.add(latency);
          }
        }
      }
    });
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = http.getInputStream()) {
      int n;
      while (System.nanoTime() < endNanos) {
        try {
          n = in.read(buffer);
        } catch (java.net.SocketTimeoutException idle) {
          continue; // no fragment this second; check the deadline
        }
        if (n == -1) {
          break;
        }
        parser.feed(ByteBuffer.wrap(buffer, 0, n));
      }
    } finally {
      http.disconnect();
    }
  }
}
