package dev.argus.app.produce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stream holds, read over the real archived-media API: ListFragments (every page), then
 * GetMediaForFragmentList, parsed with the parser's MkvParser. Test-only.
 */
final class StoredFragments {

  /** One stored fragment: its number, producer timestamp text, and its frames' bytes. */
  record Stored(String number, String producerTimestamp, List<byte[]> frames) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private StoredFragments() {}

  static List<Stored> read(String baseUrl, String stream) throws Exception {
    List<String[]> listed = new ArrayList<>();
    String next = null;
    do {
      ObjectNode request = JSON.createObjectNode().put("StreamName", stream).put("MaxResults", 1000);
      if (next != null) {
        request.put("NextToken", next);
      }
      JsonNode page = JSON.readTree(post(baseUrl, "/listFragments", request.toString()));
      for (JsonNode f : page.path("Fragments")) {
        listed.add(new String[] {f.get("FragmentNumber").asText(), f.get("ProducerTimestamp").asText()});
      }
      next = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
    } while (next != null);
    List<Stored> out = new ArrayList<>();
    for (String[] f : listed) {
      ArrayNode numbers = JSON.createArrayNode().add(f[0]);
      ObjectNode request = JSON.createObjectNode().put("StreamName", stream).set("Fragments", numbers);
      byte[] mkv = postBytes(baseUrl, "/getMediaForFragmentList", request.toString());
      List<byte[]> frames = new ArrayList<>();
      MkvParser.parse(ByteBuffer.wrap(mkv), event -> {
        if (event instanceof Frame frame) {
          frames.add(frame.bytes());
        }
      });
      out.add(new Stored(f[0], f[1], frames));
    }
    return out;
  }

  private static String post(String baseUrl, String path, String body) throws Exception {
    return new String(postBytes(baseUrl, path, body), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] postBytes(String baseUrl, String path, String body) throws Exception {
    HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " -> HTTP " + response.statusCode() + " " + new String(response.body()));
    }
    return response.body();
  }

  static int frames(List<Stored> stored) {
    return stored.stream().mapToInt(s -> s.frames().size()).sum();
  }

  static long bytes(List<Stored> stored) {
    return stored.stream().flatMap(s -> s.frames().stream()).mapToLong(b -> b.length).sum();
  }

  /** The producer timestamp in epoch ms (the API gives epoch seconds with a fraction). */
  static long producerMillis(Stored stored) {
    return new java.math.BigDecimal(stored.producerTimestamp()).movePointRight(3).longValueExact();
  }

  /** Fragments whose producer timestamp already appeared earlier (resent after being persisted). */
  static int duplicates(List<Stored> stored) {
    return stored.size() - (int) stored.stream().map(Stored::producerTimestamp).distinct().count();
  }

  /** One copy of each fragment, by producer timestamp. */
  static List<Stored> distinct(List<Stored> stored) {
    java.util.Map<String, Stored> byTime = new java.util.LinkedHashMap<>();
    stored.forEach(s -> byTime.putIfAbsent(s.producerTimestamp(), s));
    return new ArrayList<>(byTime.values());
  }
}
