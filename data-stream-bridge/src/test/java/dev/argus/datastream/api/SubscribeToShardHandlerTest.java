package dev.argus.datastream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.awshttp.eventstream.EventStreamMessage;
import dev.argus.awshttp.server.HttpServer;
import dev.argus.awshttp.server.ServerConfig;
import dev.argus.datastream.engine.ConsumerInfo;
import dev.argus.datastream.engine.DataStreamEngine;
import dev.argus.datastream.engine.EngineConfig;
import dev.argus.datastream.engine.PutEntry;
import dev.argus.datastream.shard.HashKeys;
import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.ShardId;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SubscribeToShard over a real port (HTTP/1.1, JSON), frames decoded with the event-stream codec. */
class SubscribeToShardHandlerTest {

  @TempDir
  Path dir;
  private DataStreamEngine engine;
  private ScheduledExecutorService scheduler;
  private HttpServer server;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() throws Exception {
    engine = DataStreamEngine.open(dir, EngineConfig.defaults().withShardLimits(false));
    scheduler = Executors.newScheduledThreadPool(2);
    server = HttpServer.start(ServerConfig.defaults("127.0.0.1", 0), List.of(new KinesisApi(engine, scheduler)));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    scheduler.shutdownNow();
    engine.close();
  }

  private HttpResponse<InputStream> subscribe(String body) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "Kinesis_20131202.SubscribeToShard")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static EventStreamMessage next(DataInputStream in) throws Exception {
    int length = in.readInt();
    byte[] frame = new byte[length];
    ByteBuffer.wrap(frame).putInt(length);
    in.readFully(frame, 4, length - 4);
    return EventStreamMessage.decode(frame);
  }

  @Test
  void pushesRecordsThenChildShardsAtTheShardsEnd() throws Exception {
    engine.createStream("s", 1, null, null);
    ConsumerInfo consumer = engine.registerConsumer("s", "c");
    engine.putRecord("s", PutEntry.of("k", "one".getBytes(StandardCharsets.UTF_8))).join();
    String arn = consumer.arn(engine.streamArn("s"));
    HttpResponse<InputStream> response = subscribe("{\"ConsumerARN\":\"" + arn
        + "\",\"ShardId\":\"shardId-000000000000\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/vnd.amazon.eventstream");
    try (DataInputStream in = new DataInputStream(response.body())) {
      EventStreamMessage initial = next(in);
      assertThat(initial.headers()).containsEntry(":event-type", "initial-response").containsEntry(":message-type", "event");
      List<String> data = new ArrayList<>();
      JsonNode last = null;
      while (data.size() < 1) {
        EventStreamMessage event = next(in);
        assertThat(event.headers()).containsEntry(":event-type", "SubscribeToShardEvent")
            .containsEntry(":content-type", "application/x-amz-json-1.1");
        last = json.readTree(event.payload());
        last.get("Records").forEach(r -> data.add(new String(java.util.Base64.getDecoder().decode(r.get("Data").asText()),
            StandardCharsets.UTF_8)));
      }
      assertThat(data).containsExactly("one");
      assertThat(last.get("ContinuationSequenceNumber").asText())
          .isEqualTo(dev.argus.datastream.shard.SequenceNumber.ofRecord(new ShardId(0), 0).toString());
      engine.splitShard("s", new ShardId(0), HashKeys.midpoint(HashKeyRange.ALL));
      JsonNode end;
      do {
        end = json.readTree(next(in).payload());
      } while (!end.has("ChildShards"));
      assertThat(end.get("ChildShards")).hasSize(2);
      assertThat(end.has("ContinuationSequenceNumber")).as("no continuation after the end, as the KCL expects").isFalse();
      assertThat(in.read()).isEqualTo(-1); // the response ends after the shard's end
    }
  }

  @Test
  void aBacklogComesInOrderInEventsOfAtMostTheEventSizeWithContinuations() throws Exception {
    engine.createStream("s", 1, null, null);
    ConsumerInfo consumer = engine.registerConsumer("s", "c");
    int count = 120; // 1.2 MiB of 10 KiB records: many events, several per tick with the limits off
    for (int i = 0; i < count; i++) {
      byte[] data = new byte[10 * 1024];
      java.util.Arrays.fill(data, (byte) i);
      engine.putRecord("s", PutEntry.of("k", data)).join();
    }
    String arn = consumer.arn(engine.streamArn("s"));
    HttpResponse<InputStream> response = subscribe("{\"ConsumerARN\":\"" + arn
        + "\",\"ShardId\":\"shardId-000000000000\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}");
    try (DataInputStream in = new DataInputStream(response.body())) {
      next(in); // initial-response
      List<Integer> seen = new ArrayList<>();
      String lastSequence = null;
      while (seen.size() < count) {
        JsonNode event = json.readTree(next(in).payload());
        long bytes = 0;
        for (JsonNode r : event.get("Records")) {
          byte[] data = java.util.Base64.getDecoder().decode(r.get("Data").asText());
          bytes += data.length;
          seen.add((int) data[0] & 0xff);
          lastSequence = r.get("SequenceNumber").asText();
        }
        assertThat(bytes).isLessThanOrEqualTo(SubscribeToShardHandler.MAX_EVENT_BYTES);
        if (event.get("Records").size() > 0) {
          assertThat(event.get("ContinuationSequenceNumber").asText()).isEqualTo(lastSequence);
        }
      }
      assertThat(seen).containsExactlyElementsOf(java.util.stream.IntStream.range(0, count).boxed().toList());
    }
  }

  @Test
  void aSecondSubscriptionOfTheSameConsumerAndShardIsRefusedUntilTheFirstEnds() throws Exception {
    engine.createStream("s", 1, null, null);
    String arn = engine.registerConsumer("s", "c").arn(engine.streamArn("s"));
    String body = "{\"ConsumerARN\":\"" + arn
        + "\",\"ShardId\":\"shardId-000000000000\",\"StartingPosition\":{\"Type\":\"LATEST\"}}";
    HttpResponse<InputStream> first = subscribe(body);
    assertThat(first.statusCode()).isEqualTo(200);
    try (DataInputStream in = new DataInputStream(first.body())) {
      assertThat(next(in).headers()).containsEntry(":event-type", "initial-response");
      HttpResponse<InputStream> second = subscribe(body);
      assertThat(second.statusCode()).isEqualTo(400);
      assertThat(second.headers().firstValue("x-amzn-ErrorType")).contains("ResourceInUseException");
      second.body().close();
    }
  }

  @Test
  void unknownConsumerIsAnOrdinaryErrorResponse() throws Exception {
    engine.createStream("s", 1, null, null);
    HttpResponse<InputStream> response = subscribe("{\"ConsumerARN\":\"" + engine.streamArn("s")
        + "/consumer/nobody:1\",\"ShardId\":\"shardId-000000000000\",\"StartingPosition\":{\"Type\":\"LATEST\"}}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ResourceNotFoundException");
    try (InputStream body = response.body()) {
      assertThat(json.readTree(body).get("__type").asText()).isEqualTo("ResourceNotFoundException");
    }
  }
}
