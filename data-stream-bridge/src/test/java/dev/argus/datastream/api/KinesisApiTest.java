package dev.argus.datastream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.AwsRequest;
import dev.argus.awshttp.api.AwsResponse;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.api.StreamingOperation;
import dev.argus.awshttp.api.UnaryOperation;
import dev.argus.awshttp.protocol.Protocol;
import dev.argus.datastream.engine.DataStreamEngine;
import dev.argus.datastream.engine.EngineConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The API over a real engine, bodies encoded and decoded as the wire does, in JSON and CBOR. */
class KinesisApiTest {

  @TempDir
  Path dir;
  private DataStreamEngine engine;
  private ScheduledExecutorService scheduler;
  private KinesisApi api;

  @BeforeEach
  void open() throws Exception {
    engine = DataStreamEngine.open(dir, EngineConfig.defaults().withShardLimits(false));
    scheduler = Executors.newSingleThreadScheduledExecutor();
    api = new KinesisApi(engine, scheduler);
  }

  @AfterEach
  void close() throws Exception {
    scheduler.shutdownNow();
    engine.close();
  }

  private static RequestHead head(String operation, Protocol protocol) {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.set(RequestHead.TARGET_HEADER, KinesisApi.TARGET_PREFIX + operation);
    headers.set("Content-Type", protocol.contentType());
    return new RequestHead(HttpMethod.POST, "/", "", headers, "req-1");
  }

  /** Runs one operation with a body given as a map, through the protocol's encoding both ways. */
  private JsonNode call(Protocol protocol, String operation, Map<String, Object> body) throws Exception {
    RequestHead head = head(operation, protocol);
    UnaryOperation op = (UnaryOperation) api.resolve(head).orElseThrow();
    AwsResponse response = op.handle(new AwsRequest(head, protocol, protocol.decode(protocol.encode(body))))
        .toCompletableFuture().join();
    byte[] bytes = protocol.encode(((AwsResponse.Document) response).body());
    return protocol.isCbor() ? new ObjectMapper(new CBORFactory()).readTree(bytes) : new ObjectMapper().readTree(bytes);
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"AWS_JSON_1_1", "AWS_CBOR_1_1"})
  void putAndGetRoundTripBlobsAndTimestamps(Protocol protocol) throws Exception {
    call(protocol, "CreateStream", Map.of("StreamName", "s", "ShardCount", 2));
    byte[] data = {0, 1, 2, (byte) 0xff};
    JsonNode put = call(protocol, "PutRecords", Map.of("StreamName", "s", "Records",
        List.of(Map.of("PartitionKey", "a", "Data", data), Map.of("PartitionKey", "b", "Data", data))));
    assertThat(put.get("FailedRecordCount").asInt()).isZero();
    String shard = put.get("Records").get(0).get("ShardId").asText();
    JsonNode iterator = call(protocol, "GetShardIterator", Map.of("StreamARN",
        "arn:aws:kinesis:us-east-1:000000000000:stream/s", "ShardId", shard, "ShardIteratorType", "TRIM_HORIZON"));
    JsonNode records = call(protocol, "GetRecords", Map.of("ShardIterator", iterator.get("ShardIterator").asText()));
    JsonNode first = records.get("Records").get(0);
    assertThat(first.get("Data").binaryValue()).isEqualTo(data);
    assertThat(first.get("ApproximateArrivalTimestamp").isNumber()).isTrue();
    assertThat(first.get("SequenceNumber").asText())
        .isEqualTo(put.get("Records").get(0).get("SequenceNumber").asText());
    assertThat(records.get("MillisBehindLatest").asLong()).isZero();
  }

  @Test
  void describeAndListShapes() throws Exception {
    call(Protocol.AWS_JSON_1_1, "CreateStream", Map.of("StreamName", "s", "ShardCount", 3));
    JsonNode description = call(Protocol.AWS_JSON_1_1, "DescribeStream", Map.of("StreamName", "s", "Limit", 2))
        .get("StreamDescription");
    assertThat(description.get("StreamStatus").asText()).isEqualTo("ACTIVE");
    assertThat(description.get("HasMoreShards").asBoolean()).isTrue();
    assertThat(description.get("Shards")).hasSize(2);
    assertThat(description.get("Shards").get(0).get("SequenceNumberRange").has("EndingSequenceNumber")).isFalse();
    JsonNode page = call(Protocol.AWS_JSON_1_1, "ListShards", Map.of("StreamName", "s", "MaxResults", 2));
    JsonNode rest = call(Protocol.AWS_JSON_1_1, "ListShards", Map.of("NextToken", page.get("NextToken").asText()));
    assertThat(rest.get("Shards")).hasSize(1);
    assertThat(rest.has("NextToken")).isFalse();
    assertThatThrownBy(() -> call(Protocol.AWS_JSON_1_1, "ListShards", Map.of("StreamName", "s",
        "NextToken", page.get("NextToken").asText())))
        .isInstanceOfSatisfying(CompletionException.class, e -> assertThat(((AwsException) e.getCause()).type().name())
            .isEqualTo("InvalidArgumentException"));
  }

  @Test
  void missingAndMistypedMembersAreValidationAndSerializationErrors() {
    assertThatThrownBy(() -> call(Protocol.AWS_JSON_1_1, "DescribeStream", Map.of()))
        .isInstanceOfSatisfying(CompletionException.class, e -> assertThat(((AwsException) e.getCause()).type().name())
            .isEqualTo("ValidationException"));
    assertThatThrownBy(() -> call(Protocol.AWS_JSON_1_1, "CreateStream", Map.of("StreamName", "s", "ShardCount", "two")))
        .isInstanceOfSatisfying(CompletionException.class, e -> assertThat(((AwsException) e.getCause()).type().name())
            .isEqualTo("SerializationException"));
    assertThatThrownBy(() -> call(Protocol.AWS_JSON_1_1, "DescribeStream", Map.of("StreamName", "nope")))
        .isInstanceOfSatisfying(CompletionException.class, e -> assertThat(((AwsException) e.getCause()).type().name())
            .isEqualTo("ResourceNotFoundException"));
  }

  @Test
  void routesOnlyKinesisTargets() {
    assertThat(api.resolve(head("SubscribeToShard", Protocol.AWS_CBOR_1_1))).get().isInstanceOf(StreamingOperation.class);
    UnaryOperation unknown = (UnaryOperation) api.resolve(head("GetResourcePolicy", Protocol.AWS_JSON_1_1)).orElseThrow();
    assertThatThrownBy(() -> unknown.handle(new AwsRequest(head("GetResourcePolicy", Protocol.AWS_JSON_1_1),
        Protocol.AWS_JSON_1_1, new ObjectMapper().createObjectNode())).toCompletableFuture().join())
        .hasCauseInstanceOf(AwsException.class).hasMessageContaining("GetResourcePolicy");
    DefaultHttpHeaders other = new DefaultHttpHeaders();
    other.set(RequestHead.TARGET_HEADER, "RekognitionService.DetectFaces");
    assertThat(api.resolve(new RequestHead(HttpMethod.POST, "/", "", other, "r"))).isEmpty();
    assertThat(api.resolve(new RequestHead(HttpMethod.POST, "/createStream", "", new DefaultHttpHeaders(), "r"))).isEmpty();
    assertThat("Kinesis_20131202.".getBytes(StandardCharsets.UTF_8)).hasSize(KinesisApi.TARGET_PREFIX.length());
  }
}
