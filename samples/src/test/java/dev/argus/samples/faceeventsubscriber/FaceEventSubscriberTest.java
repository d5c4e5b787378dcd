package dev.argus.samples.faceeventsubscriber;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.app.server.ArgusServer;
import dev.argus.samples.ArgusServers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

class FaceEventSubscriberTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WAIT_MILLIS = 60_000;

  @Test
  void writesOneLinePerFaceAndResumesAfterItsCheckpoint(@TempDir Path dir) throws Exception {
    Path sink = dir.resolve("faces.jsonl");
    try (ArgusServer server = ArgusServers.start(dir.resolve("data"));
         KinesisClient kinesis = client(ArgusServers.endpoint(server))) {
      URI endpoint = ArgusServers.endpoint(server);
      createStream(kinesis, "face-events");
      for (int i = 0; i < 5; i++) {
        put(kinesis, record(i, i % 2 == 0 ? "alice" : null));
      }
      try (FaceEventSubscriber first = FaceEventSubscriber.start(endpoint, "face-events", sink, "subscriber-test", "w1")) {
        awaitLines(sink, 5);
      }
      for (int i = 5; i < 8; i++) {
        put(kinesis, record(i, "bob"));
      }
      try (FaceEventSubscriber second = FaceEventSubscriber.start(endpoint, "face-events", sink, "subscriber-test", "w2")) {
        awaitLines(sink, 8);
      }
      List<JsonNode> lines = new ArrayList<>();
      for (String line : Files.readAllLines(sink)) {
        lines.add(JSON.readTree(line));
      }
      // The second worker resumed after the first one's checkpoint: no line repeated.
      assertThat(lines).extracting(l -> l.get("fragmentNumber").asText())
          .containsExactly("9100", "9101", "9102", "9103", "9104", "9105", "9106", "9107");
      assertThat(lines).extracting(l -> l.path("person").asText(null))
          .containsExactly("alice", null, "alice", null, "alice", "bob", "bob", "bob");
      assertThat(lines.get(0).get("similarity").asDouble()).isEqualTo(91.5);
      assertThat(lines.get(1).has("similarity")).isFalse();
      assertThat(lines.get(2).get("box").get("Left").asDouble()).isEqualTo(0.25);
      assertThat(lines.get(3).get("frameOffsetInSeconds").asDouble()).isEqualTo(0.3);
    }
  }

  private static KinesisClient client(URI endpoint) {
    return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  private static void createStream(KinesisClient kinesis, String name) throws InterruptedException {
    kinesis.createStream(b -> b.streamName(name).shardCount(1));
    while (kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      Thread.sleep(50);
    }
  }

  private static void put(KinesisClient kinesis, String json) {
    kinesis.putRecord(b -> b.streamName("face-events").partitionKey("camera")
        .data(SdkBytes.fromString(json, StandardCharsets.UTF_8)));
  }

  /** A record in the shape Rekognition Video writes, with one detected face, matched or not. */
  private static String record(int i, String person) {
    String matches = person == null ? "[]" : String.format(Locale.ROOT,
        "[{\"Similarity\":%.1f,\"Face\":{\"BoundingBox\":{\"Width\":0.2,\"Height\":0.3,\"Left\":0.1,\"Top\":0.1},"
            + "\"FaceId\":\"0b5e1d42-0000-4000-8000-00000000000%d\",\"Confidence\":99.0,"
            + "\"ImageId\":\"1c5e1d42-0000-4000-8000-000000000000\",\"ExternalImageId\":\"%s\"}},"
            + "{\"Similarity\":80.5,\"Face\":{\"FaceId\":\"0b5e1d42-0000-4000-8000-0000000000ff\","
            + "\"ExternalImageId\":\"someone-else\"}}]", 91.5, i, person);
    return String.format(Locale.ROOT,
        "{\"InputInformation\":{\"KinesisVideo\":{\"StreamArn\":\"arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam/1\","
            + "\"FragmentNumber\":\"910%d\",\"ServerTimestamp\":1764111600.%03d,\"ProducerTimestamp\":1764111600.%03d,"
            + "\"FrameOffsetInSeconds\":0.%d}},\"StreamProcessorInformation\":{\"Status\":\"RUNNING\"},"
            + "\"FaceSearchResponse\":[{\"DetectedFace\":{\"BoundingBox\":{\"Width\":0.2,\"Height\":0.3,"
            + "\"Left\":0.25,\"Top\":0.1},\"Confidence\":99.5},\"MatchedFaces\":%s}]}",
        i, i, i, i, matches);
  }

  private static void awaitLines(Path sink, int count) throws Exception {
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (Files.exists(sink) && Files.readAllLines(sink).size() >= count) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(Files.readAllLines(sink)).hasSize(count);
  }
}
