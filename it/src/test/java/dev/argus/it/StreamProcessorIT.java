package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.DescribeStreamProcessorResponse;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.ResourceInUseException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.StreamProcessorStatus;

/**
 * A Rekognition stream processor end to end through the SDK v2 clients: person A (from the first
 * frame of bezos_vogels.mkv) and person B (from a frame at ~13.8 s) are indexed, a processor is
 * created and started on a video stream, the clip is uploaded with PutMedia, and the face-search
 * records read back with GetRecords must match A only while A is on screen (until the wide shot
 * ends, ~11.6 s of the clip's timecodes) and B only once B is (after the first shot, ~5.8 s).
 */
class StreamProcessorIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CLIP = Path.of(System.getProperty("argus.testdata"), "kvs", "bezos_vogels.mkv");

  @TempDir
  Path dataDir;
  @TempDir
  Path frames;

  @Test
  void aProcessorFedByPutMediaWritesMatchesInTheRightTimeRanges() throws Exception {
    extractFrames();
    try (ArgusProcess argus = ArgusProcess.start(dataDir);
         RekognitionClient rek = Clients.rekognition(argus.endpoint());
         KinesisVideoClient kvs = Clients.kinesisVideo(argus.endpoint());
         KinesisClient kinesis = Clients.kinesis(argus.endpoint())) {
      rek.createCollection(r -> r.collectionId("people"));
      assertThat(rek.indexFaces(r -> r.collectionId("people").externalImageId("A").maxFaces(1)
          .image(image("frame-000000.jpg"))).faceRecords()).hasSize(1);
      assertThat(rek.indexFaces(r -> r.collectionId("people").externalImageId("B").maxFaces(1)
          .image(image("frame-000390.jpg"))).faceRecords()).hasSize(1);
      String videoArn = kvs.createStream(r -> r.streamName("cam").dataRetentionInHours(24)).streamARN();
      kinesis.createStream(r -> r.streamName("faces").shardCount(1));
      String dataArn = kinesis.describeStreamSummary(r -> r.streamName("faces")).streamDescriptionSummary().streamARN();

      assertThatThrownBy(() -> rek.startStreamProcessor(r -> r.name("nope")))
          .isInstanceOf(ResourceNotFoundException.class);
      String arn = rek.createStreamProcessor(r -> r.name("door")
          .input(i -> i.kinesisVideoStream(k -> k.arn(videoArn)))
          .output(o -> o.kinesisDataStream(k -> k.arn(dataArn)))
          .settings(s -> s.faceSearch(f -> f.collectionId("people").faceMatchThreshold(80f)))
          .roleArn("arn:aws:iam::000000000000:role/ignored")).streamProcessorArn();
      assertThat(arn).endsWith(":streamprocessor/door");
      assertThatThrownBy(() -> rek.createStreamProcessor(r -> r.name("door")
          .input(i -> i.kinesisVideoStream(k -> k.arn(videoArn)))
          .output(o -> o.kinesisDataStream(k -> k.arn(dataArn)))
          .settings(s -> s.faceSearch(f -> f.collectionId("people")))
          .roleArn("arn:aws:iam::000000000000:role/ignored"))).isInstanceOf(ResourceInUseException.class);
      assertThat(rek.describeStreamProcessor(r -> r.name("door")).status()).isEqualTo(StreamProcessorStatus.STOPPED);

      rek.startStreamProcessor(r -> r.name("door"));
      awaitStatus(rek, StreamProcessorStatus.RUNNING);
      assertThat(rek.listStreamProcessors(r -> r.maxResults(10)).streamProcessors())
          .anySatisfy(p -> assertThat(p.name()).isEqualTo("door"));

      long startMillis = System.currentTimeMillis();
      try (PutMediaClient client = PutMediaClient.start(argus.endpoint(), Map.of("x-amzn-stream-name", "cam",
          "x-amzn-fragment-timecode-type", "RELATIVE",
          "x-amzn-producer-start-timestamp", String.format("%d.%03d", startMillis / 1000, startMillis % 1000)))) {
        client.sendAll(Files.readAllBytes(CLIP), 64 * 1024);
        assertThat(client.result().acks("ERROR")).isEmpty();
      }

      List<double[]> matches = readMatches(kinesis, startMillis / 1000.0);
      List<double[]> a = matches.stream().filter(m -> m[1] == 0).toList();
      List<double[]> b = matches.stream().filter(m -> m[1] == 1).toList();
      assertThat(a).as("A's matches").isNotEmpty().allSatisfy(m -> assertThat(m[0]).isLessThan(11.7));
      assertThat(a).anySatisfy(m -> assertThat(m[0]).isLessThan(5.8));
      assertThat(b).as("B's matches").isNotEmpty().allSatisfy(m -> assertThat(m[0]).isGreaterThan(5.7));
      assertThat(b).anySatisfy(m -> assertThat(m[0]).isGreaterThan(11.7));

      DescribeStreamProcessorResponse running = rek.describeStreamProcessor(r -> r.name("door"));
      assertThat(running.settings().faceSearch().collectionId()).isEqualTo("people");
      assertThat(running.input().kinesisVideoStream().arn()).isEqualTo(videoArn);
      assertThat(running.output().kinesisDataStream().arn()).isEqualTo(dataArn);
      assertThatThrownBy(() -> rek.startStreamProcessor(r -> r.name("door"))).isInstanceOf(ResourceInUseException.class);
      rek.stopStreamProcessor(r -> r.name("door"));
      awaitStatus(rek, StreamProcessorStatus.STOPPED);
      rek.deleteStreamProcessor(r -> r.name("door"));
      assertThatThrownBy(() -> rek.describeStreamProcessor(r -> r.name("door")))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  /** Every matched face in the data stream as {clip seconds, 0 for A / 1 for B}, until B's shot is seen. */
  private static List<double[]> readMatches(KinesisClient kinesis, double startSeconds) throws Exception {
    String shard = kinesis.listShards(r -> r.streamName("faces")).shards().get(0).shardId();
    String iterator = kinesis.getShardIterator(r -> r.streamName("faces").shardId(shard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<double[]> out = new ArrayList<>();
    double latest = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (latest < 13.0 && System.nanoTime() < deadline) {
      String it = iterator;
      GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(it));
      for (Record record : page.records()) {
        assertThat(record.partitionKey()).isEqualTo("cam");
        JsonNode doc = JSON.readTree(record.data().asByteArray());
        JsonNode video = doc.path("InputInformation").path("KinesisVideo");
        double t = video.path("ProducerTimestamp").asDouble() - startSeconds
            + video.path("FrameOffsetInSeconds").asDouble();
        latest = Math.max(latest, t);
        assertThat(doc.path("FaceSearchResponse")).isNotEmpty();
        for (JsonNode face : doc.path("FaceSearchResponse")) {
          for (JsonNode match : face.path("MatchedFaces")) {
            assertThat(match.path("Similarity").asDouble()).isGreaterThanOrEqualTo(80);
            out.add(new double[] {t, match.path("Face").path("ExternalImageId").asText().equals("A") ? 0 : 1});
          }
        }
      }
      iterator = page.nextShardIterator();
      Thread.sleep(250); // GetRecords allows 5 calls a second per shard

    }
    assertThat(latest).as("records reach B's shot").isGreaterThanOrEqualTo(13.0);
    return out;
  }

  private static void awaitStatus(RekognitionClient rek, StreamProcessorStatus status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    StreamProcessorStatus now = null;
    while (System.nanoTime() < deadline) {
      now = rek.describeStreamProcessor(r -> r.name("door")).status();
      if (now == status) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(now).isEqualTo(status);
  }

  private Image image(String name) {
    try {
      return Image.builder().bytes(SdkBytes.fromByteArray(Files.readAllBytes(frames.resolve(name)))).build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Frames of the clip through {@code argus mkv frames} (our parser and decoder), every 30th picture. */
  private void extractFrames() throws Exception {
    Path jar = Path.of(System.getProperty("argus.jar", "../app/target/argus.jar")).toAbsolutePath();
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "mkv", "frames", CLIP.toString(), "--out", frames.toString(), "--every", "30")
        .redirectErrorStream(true).redirectOutput(frames.resolve("log.txt").toFile()).start();
    try {
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(Files.readString(frames.resolve("log.txt"))).isZero();
    } finally {
      process.destroyForcibly();
    }
  }
}
