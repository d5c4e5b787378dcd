package dev.argus.fragmentstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.awshttp.server.HttpServer;
import dev.argus.awshttp.server.ServerConfig;
import dev.argus.fragmentstore.VideoStreamsModule;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.StreamLifecycleListener;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane behind the real server on an ephemeral loopback port, spoken to over real
 * HTTP with the JSON bodies the AWS SDK sends. Each test uses its own stream names.
 */
class VideoControlPlaneApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.123Z");
  private static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

  @TempDir
  static Path dir;

  private static VideoStreamsModule module;
  private static HttpServer server;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One answer: status, error type header and body. */
  record Reply(int status, String errorType, JsonNode body) {
  }

  @BeforeAll
  static void start() throws Exception {
    module = VideoStreamsModule.open(dir, Clock.fixed(NOW, ZoneOffset.UTC), "us-east-1", "000000000000",
        new StreamLifecycleListener() {
          @Override
          public void onDeleted(StreamInfo deleted) {
            EVENTS.add("deleted " + deleted.streamName());
          }

          @Override
          public void onRetentionChanged(StreamInfo updated) {
            EVENTS.add("retention " + updated.streamName() + " " + updated.dataRetentionInHours());
          }
        });
    server = HttpServer.start(ServerConfig.defaults("127.0.0.1", 0), List.of(module.api()));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    module.close();
  }

  private static Reply post(String path, String json) throws Exception {
    return send(URI.create(server.baseUrl() + path), json);
  }

  private static Reply send(URI uri, String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.headers().firstValue("x-amzn-ErrorType").orElse(null),
        JSON.readTree(response.body()));
  }

  private static void assertError(Reply reply, int status, String type) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.errorType()).isEqualTo(type);
    assertThat(reply.body().get("__type").asText()).isEqualTo(type);
    assertThat(reply.body().get("message").asText()).isNotBlank();
  }

  private static JsonNode describe(String name) throws Exception {
    Reply reply = post("/describeStream", "{\"StreamName\":\"" + name + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.body().get("StreamInfo");
  }

  @Test
  void createThenDescribeByNameAndArn() throws Exception {
    Reply created = post("/createStream", "{\"StreamName\":\"cam-1\",\"DataRetentionInHours\":24}");
    assertThat(created.status()).isEqualTo(200);
    String arn = created.body().get("StreamARN").asText();
    assertThat(arn).matches("arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam-1/[0-9]+");
    long createdMillis = Long.parseLong(arn.substring(arn.lastIndexOf('/') + 1));
    assertThat(createdMillis).isGreaterThanOrEqualTo(NOW.toEpochMilli()); // later when others created first

    JsonNode info = describe("cam-1");
    assertThat(info.get("StreamName").asText()).isEqualTo("cam-1");
    assertThat(info.get("StreamARN").asText()).isEqualTo(arn);
    assertThat(info.get("Status").asText()).isEqualTo("ACTIVE");
    assertThat(info.get("DataRetentionInHours").asInt()).isEqualTo(24);
    assertThat(info.get("KmsKeyId").asText()).isEqualTo("arn:aws:kms:us-east-1:000000000000:alias/aws/kinesisvideo");
    assertThat(info.get("Version").asText()).matches("[a-zA-Z0-9]+");
    assertThat(info.get("CreationTime").isNumber()).isTrue();
    assertThat(info.get("CreationTime").decimalValue())
        .isEqualByComparingTo(BigDecimal.valueOf(createdMillis).movePointLeft(3)); // epoch seconds
    assertThat(info.has("DeviceName")).isFalse();
    assertThat(info.has("MediaType")).isFalse();
    assertThat(info.has("Tags")).isFalse();

    Reply byArn = post("/describeStream", "{\"StreamARN\":\"" + arn + "\"}");
    assertThat(byArn.body().get("StreamInfo")).isEqualTo(info);
    assertError(post("/createStream", "{\"StreamName\":\"cam-1\"}"), 400, "ResourceInUseException");
  }

  @Test
  void createWithEveryMember() throws Exception {
    Reply created = post("/createStream", """
        {"DeviceName":"door_cam","StreamName":"full","MediaType":"video/h264","KmsKeyId":"my-key",
         "DataRetentionInHours":0,"Tags":{"site":"lab"},"StreamStorageConfiguration":{"DefaultStorageTier":"HOT"}}
        """);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    JsonNode info = describe("full");
    assertThat(info.get("DeviceName").asText()).isEqualTo("door_cam");
    assertThat(info.get("MediaType").asText()).isEqualTo("video/h264");
    assertThat(info.get("KmsKeyId").asText()).isEqualTo("my-key");
    assertThat(info.get("DataRetentionInHours").asInt()).isZero();
    assertThat(post("/listTagsForStream", "{\"StreamName\":\"full\"}").body().get("Tags").get("site").asText())
        .isEqualTo("lab");
  }

  @Test
  void invalidRequestsNameTheMember() throws Exception {
    Reply noName = post("/createStream", "{}");
    assertError(noName, 400, "InvalidArgumentException");
    assertThat(noName.body().get("message").asText()).contains("StreamName");
    assertError(post("/createStream", "{\"StreamName\":\"bad name\"}"), 400, "InvalidArgumentException");
    assertError(post("/createStream", "{\"StreamName\":\"n1\",\"DataRetentionInHours\":-1}"), 400,
        "InvalidArgumentException");
    assertError(post("/createStream", "{\"StreamName\":\"n1\",\"DataRetentionInHours\":99999999999}"), 400,
        "InvalidArgumentException");
    assertError(post("/createStream", "{\"StreamName\":\"n1\",\"MediaType\":\"h264\"}"), 400,
        "InvalidArgumentException");
    assertError(post("/createStream", "{\"StreamName\":\"n1\",\"StreamStorageConfiguration\":{}}"), 400,
        "InvalidArgumentException");
    assertError(post("/createStream", "{\"StreamName\":5}"), 400, "SerializationException");
    assertError(post("/createStream", "{\"StreamName\":\"n1\",\"DataRetentionInHours\":\"24\"}"), 400,
        "SerializationException");
    assertError(post("/createStream", "{\"StreamName\":\"n1\",\"Tags\":{\"k\":1}}"), 400, "SerializationException");
    assertError(post("/createStream", "{\"StreamName\""), 400, "SerializationException");
    assertError(post("/describeStream", "{}"), 400, "InvalidArgumentException");
    assertError(post("/describeStream", "{\"StreamName\":\"a\",\"StreamARN\":\"arn:aws:kinesisvideo:us-east-1:0:stream/a/1\"}"),
        400, "InvalidArgumentException");
    assertError(post("/describeStream", "{\"StreamARN\":\"nope\"}"), 400, "InvalidArgumentException");
    assertError(post("/describeStream", "{\"StreamName\":\"never-created\"}"), 404, "ResourceNotFoundException");
    assertThat(describeMissingArn().status()).isEqualTo(404);
  }

  private static Reply describeMissingArn() throws Exception {
    return post("/describeStream", "{\"StreamARN\":\"arn:aws:kinesisvideo:us-east-1:000000000000:stream/zz/1\"}");
  }

  @Test
  void listStreamsPagesByNameWithPrefix() throws Exception {
    for (String name : List.of("list-c", "list-a", "list-b", "other")) {
      assertThat(post("/createStream", "{\"StreamName\":\"" + name + "\"}").status()).isEqualTo(200);
    }
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String tokenMember = token == null ? "" : ",\"NextToken\":\"" + token + "\"";
      Reply page = post("/listStreams", "{\"MaxResults\":2,\"StreamNameCondition\":{\"ComparisonOperator\":"
          + "\"BEGINS_WITH\",\"ComparisonValue\":\"list-\"}" + tokenMember + "}");
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      page.body().get("StreamInfoList").forEach(s -> {
        names.add(s.get("StreamName").asText());
        assertThat(s.get("CreationTime").isNumber()).isTrue();
      });
      token = page.body().has("NextToken") ? page.body().get("NextToken").asText() : null;
      pages++;
    } while (token != null);
    assertThat(names).containsExactly("list-a", "list-b", "list-c");
    assertThat(pages).isEqualTo(2);

    Reply all = post("/listStreams", "{}");
    assertThat(all.body().get("StreamInfoList").size()).isGreaterThanOrEqualTo(4);
    assertThat(all.body().has("NextToken")).isFalse();
    assertError(post("/listStreams", "{\"MaxResults\":0}"), 400, "InvalidArgumentException");
    assertError(post("/listStreams", "{\"MaxResults\":10001}"), 400, "InvalidArgumentException");
    assertError(post("/listStreams", "{\"NextToken\":\"garbage!\"}"), 400, "InvalidArgumentException");
    assertError(post("/listStreams", "{\"StreamNameCondition\":{\"ComparisonOperator\":\"ENDS_WITH\","
        + "\"ComparisonValue\":\"a\"}}"), 400, "InvalidArgumentException");
  }

  @Test
  void updateDataRetentionGuardsVersionAndTellsTheListener() throws Exception {
    post("/createStream", "{\"StreamName\":\"ret\",\"DataRetentionInHours\":10}");
    String v1 = describe("ret").get("Version").asText();
    assertError(post("/updateDataRetention", "{\"StreamName\":\"ret\",\"CurrentVersion\":\"abc\","
        + "\"Operation\":\"INCREASE_DATA_RETENTION\",\"DataRetentionChangeInHours\":1}"), 400,
        "VersionMismatchException");
    assertError(post("/updateDataRetention", "{\"StreamName\":\"ret\",\"Operation\":\"INCREASE_DATA_RETENTION\","
        + "\"DataRetentionChangeInHours\":1}"), 400, "InvalidArgumentException");
    assertError(post("/updateDataRetention", "{\"StreamName\":\"ret\",\"CurrentVersion\":\"" + v1 + "\","
        + "\"Operation\":\"DECREASE_DATA_RETENTION\",\"DataRetentionChangeInHours\":11}"), 400,
        "InvalidArgumentException");
    assertError(post("/updateDataRetention", "{\"StreamName\":\"ret\",\"CurrentVersion\":\"" + v1 + "\","
        + "\"Operation\":\"SET\",\"DataRetentionChangeInHours\":1}"), 400, "InvalidArgumentException");
    assertError(post("/updateDataRetention", "{\"StreamName\":\"ret\",\"CurrentVersion\":\"" + v1 + "\","
        + "\"Operation\":\"DECREASE_DATA_RETENTION\",\"DataRetentionChangeInHours\":0}"), 400,
        "InvalidArgumentException");

    Reply ok = post("/updateDataRetention", "{\"StreamName\":\"ret\",\"CurrentVersion\":\"" + v1 + "\","
        + "\"Operation\":\"DECREASE_DATA_RETENTION\",\"DataRetentionChangeInHours\":4}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().size()).isZero();
    JsonNode after = describe("ret");
    assertThat(after.get("DataRetentionInHours").asInt()).isEqualTo(6);
    assertThat(after.get("Version").asText()).isNotEqualTo(v1);
    assertThat(EVENTS).contains("retention ret 6");
  }

  @Test
  void deleteStreamNeedsArnAndMatchingVersion() throws Exception {
    String arn = post("/createStream", "{\"StreamName\":\"del\"}").body().get("StreamARN").asText();
    String version = describe("del").get("Version").asText();
    assertError(post("/deleteStream", "{}"), 400, "InvalidArgumentException");
    assertError(post("/deleteStream", "{\"StreamARN\":\"" + arn + "\",\"CurrentVersion\":\"0\"}"), 400,
        "VersionMismatchException");
    Reply deleted = post("/deleteStream", "{\"StreamARN\":\"" + arn + "\",\"CurrentVersion\":\"" + version + "\"}");
    assertThat(deleted.status()).isEqualTo(200);
    assertError(post("/describeStream", "{\"StreamName\":\"del\"}"), 404, "ResourceNotFoundException");
    assertError(post("/deleteStream", "{\"StreamARN\":\"" + arn + "\"}"), 404, "ResourceNotFoundException");
    assertThat(EVENTS).contains("deleted del");
  }

  @Test
  void getDataEndpointEchoesTheHostTheClientUsed() throws Exception {
    post("/createStream", "{\"StreamName\":\"ep\"}");
    for (String api : List.of("PUT_MEDIA", "GET_MEDIA", "LIST_FRAGMENTS", "GET_MEDIA_FOR_FRAGMENT_LIST",
        "GET_HLS_STREAMING_SESSION_URL", "GET_DASH_STREAMING_SESSION_URL", "GET_CLIP", "GET_IMAGES")) {
      Reply reply = post("/getDataEndpoint", "{\"StreamName\":\"ep\",\"APIName\":\"" + api + "\"}");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body().get("DataEndpoint").asText()).isEqualTo(server.baseUrl());
    }
    int port = server.address().getPort();
    Reply viaLocalhost = send(URI.create("http://localhost:" + port + "/getDataEndpoint"),
        "{\"StreamName\":\"ep\",\"APIName\":\"GET_MEDIA\"}");
    assertThat(viaLocalhost.body().get("DataEndpoint").asText()).isEqualTo("http://localhost:" + port);
    assertError(post("/getDataEndpoint", "{\"StreamName\":\"ep\",\"APIName\":\"NOPE\"}"), 400,
        "InvalidArgumentException");
    assertError(post("/getDataEndpoint", "{\"StreamName\":\"ep\"}"), 400, "InvalidArgumentException");
    assertError(post("/getDataEndpoint", "{\"StreamName\":\"no-such\",\"APIName\":\"GET_MEDIA\"}"), 404,
        "ResourceNotFoundException");
  }

  /**
   * Over HTTP/2 the Host is the {@code :authority}. The connection is upgraded with a GET first:
   * aws-http's h2c upgrade handler refuses an upgrade request that has a body (413), so a POST
   * cannot be the upgrading request.
   */
  @Test
  void getDataEndpointOverHttp2UsesTheAuthority() throws Exception {
    post("/createStream", "{\"StreamName\":\"ep-h2\"}");
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    h2.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/upgrade")).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> response = h2.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/getDataEndpoint"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"StreamName\":\"ep-h2\",\"APIName\":\"PUT_MEDIA\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("DataEndpoint").asText()).isEqualTo(server.baseUrl());
  }

  @Test
  void tagsAddReplaceRemoveAndLimit() throws Exception {
    String arn = post("/createStream", "{\"StreamName\":\"tags\"}").body().get("StreamARN").asText();
    String version = describe("tags").get("Version").asText();
    assertThat(post("/tagStream", "{\"StreamARN\":\"" + arn + "\",\"Tags\":{\"a\":\"1\",\"b\":\"2\"}}").status())
        .isEqualTo(200);
    assertThat(post("/tagStream", "{\"StreamName\":\"tags\",\"Tags\":{\"a\":\"x\"}}").status()).isEqualTo(200);
    assertThat(post("/untagStream", "{\"StreamName\":\"tags\",\"TagKeyList\":[\"b\"]}").status()).isEqualTo(200);
    Reply listed = post("/listTagsForStream", "{\"StreamARN\":\"" + arn + "\"}");
    assertThat(listed.body().get("Tags")).isEqualTo(JSON.readTree("{\"a\":\"x\"}"));
    assertThat(listed.body().has("NextToken")).isFalse();
    assertThat(describe("tags").get("Version").asText()).isEqualTo(version);

    StringBuilder fifty = new StringBuilder("{");
    for (int i = 0; i < 50; i++) {
      fifty.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    fifty.append('}');
    assertError(post("/tagStream", "{\"StreamName\":\"tags\",\"Tags\":" + fifty + "}"), 400,
        "TagsPerResourceExceededLimitException");
    assertError(post("/tagStream", "{\"StreamName\":\"tags\",\"Tags\":{}}"), 400, "InvalidArgumentException");
    assertError(post("/tagStream", "{\"StreamName\":\"tags\"}"), 400, "InvalidArgumentException");
    assertError(post("/untagStream", "{\"StreamName\":\"tags\",\"TagKeyList\":[]}"), 400,
        "InvalidArgumentException");
    assertError(post("/untagStream", "{\"StreamName\":\"tags\",\"TagKeyList\":[\"\"]}"), 400,
        "InvalidArgumentException");
    assertError(post("/listTagsForStream", "{\"StreamName\":\"tags\",\"NextToken\":\"AAAA\"}"), 400,
        "InvalidArgumentException");
    assertError(post("/tagStream", "{\"StreamName\":\"nope\",\"Tags\":{\"a\":\"1\"}}"), 404,
        "ResourceNotFoundException");
  }

  /** Seeded random bodies built from real member names: every answer is a 200 or a typed 4xx. */
  @Test
  void randomRequestsNeverFailInternally() throws Exception {
    List<String> paths = List.of("/createStream", "/describeStream", "/listStreams", "/deleteStream",
        "/updateDataRetention", "/getDataEndpoint", "/tagStream", "/untagStream", "/listTagsForStream");
    List<String> members = List.of("StreamName", "StreamARN", "DeviceName", "MediaType", "KmsKeyId",
        "DataRetentionInHours", "Tags", "MaxResults", "NextToken", "StreamNameCondition", "CurrentVersion",
        "Operation", "DataRetentionChangeInHours", "APIName", "TagKeyList");
    List<String> values = List.of("\"fz\"", "\"\"", "null", "-1", "0", "1", "2147483648", "1.5", "true", "[]",
        "[\"k\"]", "{}", "{\"k\":\"v\"}", "\"INCREASE_DATA_RETENTION\"", "\"GET_MEDIA\"",
        "\"arn:aws:kinesisvideo:us-east-1:000000000000:stream/fz/" + NOW.toEpochMilli() + "\"",
        "{\"ComparisonOperator\":\"BEGINS_WITH\",\"ComparisonValue\":\"f\"}", "\"\\u0000\"");
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 300; i++) {
      StringBuilder json = new StringBuilder("{");
      int count = random.nextInt(5);
      for (int m = 0; m < count; m++) {
        json.append(m == 0 ? "" : ",").append('"').append(members.get(random.nextInt(members.size())))
            .append("\":").append(values.get(random.nextInt(values.size())));
      }
      json.append('}');
      Reply reply = post(paths.get(random.nextInt(paths.size())), json.toString());
      assertThat(reply.status()).as(json.toString()).isIn(200, 400, 404);
      if (reply.status() != 200) {
        assertThat(reply.errorType()).as(json.toString()).isNotBlank();
      }
    }
  }

  @Test
  void requestsThatAreNotOursAreDeclined() throws Exception {
    HttpResponse<String> get = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/createStream"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    HttpResponse<String> targeted = CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/createStream"))
        .header("X-Amz-Target", "Kinesis_20131202.CreateStream")
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"StreamName\":\"x\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(targeted.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    assertError(post("/putMedia", "{}"), 400, "UnknownOperationException");
  }
}
