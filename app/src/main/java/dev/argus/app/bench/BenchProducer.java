package dev.argus.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One camera: a PutMedia connection that replays the clip in real time (each frame's bytes sent
 * when the frame is due), with rewritten, ever-increasing timestamps, and a reader thread that
 * times each fragment from its last byte sent to its PERSISTED ack. It notes when each frame is
 * sent, for the readers' live-edge latency.
 */
final class BenchProducer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String stream;
  private final Clip clip;
  private final Latencies persisted;
  private final AtomicLong errors;
  /**
   * {@link #frameKey} of each frame -> nanoTime just before its bytes were sent; readers remove
   * them. Null for a stream no reader reads.
   */
  private final Map<String, Long> sentAt;
  private final Map<Long, Long> pending = new ConcurrentHashMap<>();
  /** The chunk being framed by {@link #chunk}; grows to the largest frame, then is reused. */
  private byte[] framed = new byte[64 * 1024];

  BenchProducer(URI endpoint, String stream, Clip clip, Latencies persisted, AtomicLong errors,
      Map<String, Long> sentAt) {
    this.endpoint = endpoint;
    this.stream = stream;
    this.clip = clip;
    this.persisted = persisted;
    this.errors = errors;
    this.sentAt = sentAt;
  }

  /** Streams until {@code endNanos}, then ends the body and waits for the last acks. */
  void run(long endNanos) throws IOException, InterruptedException {
    long startMillis = System.currentTimeMillis();
    long startNanos = System.nanoTime();
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      String head = "POST /putMedia HTTP/1.1\r\nHost: " + endpoint.getAuthority() + "\r\nTransfer-Encoding: chunked\r\n"
          + "x-amzn-stream-name: " + stream + "\r\nx-amzn-fragment-timecode-type: RELATIVE\r\n"
          + "x-amzn-producer-start-timestamp: " + String.format("%d.%03d", startMillis / 1000, startMillis % 1000)
          + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      Thread reader = new Thread(() -> readAcks(socket), "bench-acks-" + stream);
      reader.setDaemon(true);
      reader.start();
      chunk(out, null, clip.header, 0, clip.header.length);
      long loopMillis = 0;
      outer:
      while (true) {
        for (Clip.ClipFragment fragment : clip.fragments) {
          long timecode = loopMillis + fragment.startMillis();
          byte[] clusterHead = Clip.clusterHead(fragment, timecode);
          int[] ends = fragment.blockEnds();
          int sent = 0;
          for (int i = 0; i < ends.length; i++) {
            long due = startNanos + (timecode + fragment.frames().get(i).offsetMillis()) * 1_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (sentAt != null) {
              sentAt.put(frameKey(stream, timecode + fragment.frames().get(i).offsetMillis()), System.nanoTime());
            }
            chunk(out, i == 0 ? clusterHead : null, fragment.blocks(), sent, ends[i]);
            sent = ends[i];
          }
          long now = System.nanoTime();
          pending.put(timecode, now);
          if (now >= endNanos) {
            break outer;
          }
        }
        loopMillis += clip.durationMillis;
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      reader.join(10_000);
    }
  }

  /**
   * The key of one frame in {@code sentAt}: the stream and the frame's timecode in ms relative to
   * the producer's start (what a reader parses as the frame's timestamp, RELATIVE timecodes).
   */
  static String frameKey(String stream, long relativeMillis) {
    return stream + "@" + relativeMillis;
  }

  /**
   * Sends {@code prefix} (if any) and {@code bytes[from, to)} as one HTTP chunk in a single socket
   * write (one packet per frame, as a camera's SDK sends it), framed in a buffer this producer
   * reuses.
   */
  private void chunk(OutputStream out, byte[] prefix, byte[] bytes, int from, int to) throws IOException {
    int length = (prefix == null ? 0 : prefix.length) + to - from;
    if (length == 0) {
      return;
    }
    byte[] size = (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    int total = size.length + length + 2;
    if (framed.length < total) {
      framed = new byte[Math.max(total, framed.length * 2)];
    }
    System.arraycopy(size, 0, framed, 0, size.length);
    int at = size.length;
    if (prefix != null) {
      System.arraycopy(prefix, 0, framed, at, prefix.length);
      at += prefix.length;
    }
    System.arraycopy(bytes, from, framed, at, to - from);
    at += to - from;
    framed[at++] = '\r';
    framed[at++] = '\n';
    out.write(framed, 0, at);
  }

  private void readAcks(Socket socket) {
    try {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        String text = line.toString(StandardCharsets.UTF_8).trim();
        line.reset();
        if (text.startsWith("{")) {
          onAck(JSON.readTree(text));
        }
      }
    } catch (IOException e) {
      // the connection ended
    }
  }

  private void onAck(JsonNode ack) {
    String type = ack.get("EventType").asText();
    if (type.equals("ERROR")) {
      errors.incrementAndGet();
    } else if (type.equals("PERSISTED")) {
      Long sent = pending.remove(ack.get("FragmentTimecode").asLong());
      if (sent != null) {
        persisted.add(System.nanoTime() - sent);
      }
    }
  }
}
