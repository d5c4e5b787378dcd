package dev.argus.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.datastream.engine.EngineConfig;
import dev.argus.log.DirectIo;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server on an ephemeral loopback port, over HTTP/1.1, h2c upgrade and h2c prior knowledge. */
class ArgusServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dataDir;

  private ArgusServer server;

  @BeforeEach
  void start() throws Exception {
    server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> http(HttpClient.Version version, HttpRequest.Builder request) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(version).build();
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder kinesis(String target, String body) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
        .header("X-Amz-Target", target)
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void healthOverHttp11AndH2cUpgrade() throws Exception {
    for (HttpClient.Version version : HttpClient.Version.values()) {
      HttpResponse<String> response = http(version, HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")));
      assertThat(response.statusCode()).as(version.name()).isEqualTo(200);
      assertThat(response.version()).isEqualTo(version);
      JsonNode body = JSON.readTree(response.body());
      assertThat(body.get("status").asText()).isEqualTo("ok");
      assertThat(body.has("version")).isTrue();
    }
  }

  @Test
  void servesKinesisDataStreamsAndKeepsThemAcrossARestart() throws Exception {
    HttpResponse<String> created = http(HttpClient.Version.HTTP_1_1,
        kinesis("Kinesis_20131202.CreateStream", "{\"StreamName\":\"events\",\"ShardCount\":1}"));
    assertThat(created.statusCode()).isEqualTo(200);
    server.close();
    server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir, false));
    HttpResponse<String> listed = http(HttpClient.Version.HTTP_1_1, kinesis("Kinesis_20131202.ListStreams", "{}"));
    assertThat(JSON.readTree(listed.body()).get("StreamNames").get(0).asText()).isEqualTo("events");
    assertThat(Files.isDirectory(dataDir.resolve("streams"))).isTrue();
  }

  /**
   * {@code --direct-appends} reaches the shard logs: with the default threshold a 400 KB PutRecords
   * batch is written with O_DIRECT, which leaves the open segment file padded to a 4 KiB block; with
   * {@code off} the same batch goes through the page cache and the file ends at its last entry.
   */
  @Test
  void directAppendsCanBeTurnedOff() throws Exception {
    assumeTrue(DirectIo.supportedIn(dataDir), "the temp file system refuses O_DIRECT");
    http(HttpClient.Version.HTTP_1_1, kinesis("Kinesis_20131202.CreateStream", "{\"StreamName\":\"big\",\"ShardCount\":1}"));
    String record = "{\"PartitionKey\":\"k\",\"Data\":\"" + Base64.getEncoder().encodeToString(new byte[10_001]) + "\"}";
    String batch = "{\"StreamName\":\"big\",\"Records\":[" + String.join(",", Collections.nCopies(40, record)) + "]}";
    for (boolean direct : new boolean[] {true, false}) {
      if (!direct) {
        server.close();
        server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir, true, 1, EngineConfig.DIRECT_APPENDS_OFF));
      }
      HttpResponse<String> put = http(HttpClient.Version.HTTP_1_1, kinesis("Kinesis_20131202.PutRecords", batch));
      assertThat(JSON.readTree(put.body()).get("FailedRecordCount").asInt()).as(put.body()).isZero();
      long length;
      try (var files = Files.walk(dataDir.resolve("streams"))) {
        length = Files.size(files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow());
      }
      assertThat(length % 4096 == 0).as("direct %s, segment file of %d bytes", direct, length).isEqualTo(direct);
    }
  }

  @Test
  void unknownTargetAndMalformedBodyOverHttp11() throws Exception {
    HttpResponse<String> unknown = http(HttpClient.Version.HTTP_1_1, kinesis("Nope_20200101.Nothing", "{}"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    assertThat(unknown.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(JSON.readTree(unknown.body()).get("__type").asText()).isEqualTo("UnknownOperationException");

    HttpResponse<String> unknownPath = http(HttpClient.Version.HTTP_1_1,
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/noSuchOperation")).POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(unknownPath.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknownPath.body()).get("__type").asText()).isEqualTo("UnknownOperationException");
  }

  @Test
  void firstRequestMayBeAPostThatAsksForH2cUpgrade() throws Exception {
    // java.net.http upgrades on the first request, body included.
    HttpResponse<String> response = http(HttpClient.Version.HTTP_2, kinesis("Nope_20200101.Nothing", "{\"A\":1}"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("__type").asText()).isEqualTo("UnknownOperationException");
  }

  @Test
  void malformedBodyIsSerializationExceptionAndConnectionSurvives() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response = client.send(kinesis("Nope_20200101.Nothing", "{\"Stream").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("__type").asText()).isEqualTo("SerializationException");
    }
  }

  @Test
  void everythingOverH2cPriorKnowledge() throws Exception {
    try (H2cPriorKnowledgeClient client = new H2cPriorKnowledgeClient("127.0.0.1", server.port())) {
      FullHttpResponse health = client.send(request(HttpMethod.GET, "/health", null, ""));
      assertThat(health.status().code()).isEqualTo(200);
      assertThat(JSON.readTree(body(health)).get("status").asText()).isEqualTo("ok");

      FullHttpResponse unknown = client.send(request(HttpMethod.POST, "/", "Nope_20200101.Nothing", "{}"));
      assertThat(unknown.status().code()).isEqualTo(400);
      assertThat(unknown.headers().get("x-amzn-errortype")).isEqualTo("UnknownOperationException");
      assertThat(JSON.readTree(body(unknown)).get("__type").asText()).isEqualTo("UnknownOperationException");

      FullHttpResponse malformed = client.send(request(HttpMethod.POST, "/", "Nope_20200101.Nothing", "{,"));
      assertThat(malformed.status().code()).isEqualTo(400);
      assertThat(JSON.readTree(body(malformed)).get("__type").asText()).isEqualTo("SerializationException");
    }
  }

  @Test
  void secondServerOnSameDataDirectoryIsRefused() {
    assertThatThrownBy(() -> ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("in use");
  }

  @Test
  void nonLoopbackHostIsRefused() {
    assertThatThrownBy(() -> new ArgusConfig("0.0.0.0", 0, dataDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
  }

  private FullHttpRequest request(HttpMethod method, String path, String target, String body) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    request.headers().set("Host", "127.0.0.1:" + server.port());
    if (target != null) {
      request.headers().set("X-Amz-Target", target);
      request.headers().set("Content-Type", "application/x-amz-json-1.1");
    }
    request.headers().setInt("Content-Length", request.content().readableBytes());
    return request;
  }

  private static String body(FullHttpResponse response) {
    try {
      return response.content().toString(StandardCharsets.UTF_8);
    } finally {
      response.release();
    }
  }
}
