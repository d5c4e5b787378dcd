package dev.argus.it;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A raw HTTP/1.1 PutMedia client: it streams a body with chunked transfer encoding over a plain
 * socket while a second thread reads the acknowledgement lines of the chunked response as they
 * come. Not thread-safe; one request per instance.
 */
final class PutMediaClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The response: status, headers, and the ack objects (or the error body for a non-200). */
  record Result(int status, Map<String, String> headers, List<JsonNode> acks, String errorBody) {
    List<JsonNode> acks(String type) {
      return acks.stream().filter(a -> a.get("EventType").asText().equals(type)).toList();
    }
  }

  private final Socket socket;
  private final OutputStream out;
  private final CompletableFuture<Result> result;
  private final List<JsonNode> acksSoFar;

  private PutMediaClient(Socket socket, CompletableFuture<Result> result, List<JsonNode> acksSoFar)
      throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.result = result;
    this.acksSoFar = acksSoFar;
  }

  /** The acks read so far, also after the response broke off. */
  List<JsonNode> acksSoFar() {
    synchronized (acksSoFar) {
      return List.copyOf(acksSoFar);
    }
  }

  /** Opens the connection and sends the request head. */
  static PutMediaClient start(URI endpoint, Map<String, String> headers) throws IOException {
    Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
    socket.setTcpNoDelay(true);
    StringBuilder head = new StringBuilder("POST /putMedia HTTP/1.1\r\nHost: " + endpoint.getHost() + ":"
        + endpoint.getPort() + "\r\nTransfer-Encoding: chunked\r\nContent-Type: application/octet-stream\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
    InputStream in = new BufferedInputStream(socket.getInputStream());
    List<JsonNode> acks = new ArrayList<>();
    CompletableFuture<Result> result = CompletableFuture.supplyAsync(() -> {
      try {
        return readResponse(in, acks);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return new PutMediaClient(socket, result, acks);
  }

  /** Sends bytes as one chunk. */
  void send(byte[] bytes, int from, int to) throws IOException {
    if (to > from) {
      out.write((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, from, to - from);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  /** Sends a whole body in chunks of {@code chunk} bytes and ends it; tolerates an early close. */
  void sendAll(byte[] body, int chunk) throws IOException {
    try {
      for (int i = 0; i < body.length; i += chunk) {
        send(body, i, Math.min(body.length, i + chunk));
      }
      end();
    } catch (IOException e) {
      if (!result.isDone()) {
        throw e;
      }
    }
  }

  void end() throws IOException {
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  Result result() throws Exception {
    return result.get(60, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static Result readResponse(InputStream in, List<JsonNode> acks) throws IOException {
    String status = line(in);
    int code = Integer.parseInt(status.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    String header;
    while (!(header = line(in)).isEmpty()) {
      int colon = header.indexOf(':');
      headers.put(header.substring(0, colon).trim().toLowerCase(), header.substring(colon + 1).trim());
    }
    if (headers.containsKey("content-length")) {
      byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      return new Result(code, headers, List.of(), new String(body, StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    while (true) {
      String size;
      try {
        size = line(in);
      } catch (IOException closed) {
        break; // the server closes the connection after an ERROR ack
      }
      int n = Integer.parseInt(size.trim(), 16);
      if (n == 0) {
        line(in);
        break;
      }
      pending.writeBytes(in.readNBytes(n));
      line(in);
      String text = pending.toString(StandardCharsets.UTF_8);
      int newline;
      while ((newline = text.indexOf('\n')) >= 0) {
        String json = text.substring(0, newline).trim();
        if (!json.isEmpty()) {
          synchronized (acks) {
            acks.add(JSON.readTree(json));
          }
        }
        text = text.substring(newline + 1);
      }
      pending.reset();
      pending.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
    synchronized (acks) {
      return new Result(code, headers, List.copyOf(acks), null);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b == -1 && line.size() == 0) {
      throw new IOException("connection closed");
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
