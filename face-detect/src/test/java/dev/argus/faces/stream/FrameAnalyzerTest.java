package dev.argus.faces.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.faces.analysis.Analysis;
import dev.argus.faces.analysis.FaceAnalyzer;
import dev.argus.faces.collection.FaceCollection;
import dev.argus.faces.collection.FaceCollections;
import dev.argus.faces.collection.FaceRecord;
import dev.argus.faces.detect.YunetFaceDetector;
import dev.argus.faces.embed.LbpFaceEmbedder;
import dev.argus.faces.testing.TestImages;
import dev.argus.faces.testing.TestImages.Shot;
import dev.argus.faces.testing.TestImages.TimedFrame;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameAnalyzerTest {

  private static final String ARN = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam/1";

  @TempDir
  Path dir;

  @Test
  void recordsEachFaceFrameInRekognitionsShapeAndNeverMatchesTheWrongPerson() throws Exception {
    List<TimedFrame> frames = TestImages.videoFrames(0.9, 0.5);
    try (FaceAnalyzer analyzer = new FaceAnalyzer(YunetFaceDetector.withDefaults(), new LbpFaceEmbedder(), 1, 1);
         FaceCollections collections = FaceCollections.open(dir, Clock.systemUTC(), "us-east-1", "000000000000", 100)) {
      collections.create("people", LbpFaceEmbedder.MODEL_VERSION, LbpFaceEmbedder.DIMENSION);
      FaceCollection people = collections.get("people");
      enrol(analyzer, people, frames.get(0), "A");
      TimedFrame firstB = frames.stream().filter(f -> TestImages.shotAt(f.seconds()) == Shot.ONLY_B).findFirst()
          .orElseThrow();
      enrol(analyzer, people, firstB, "B");
      FrameAnalyzer frameAnalyzer = new FrameAnalyzer(analyzer);
      int aMatched = 0;
      int bMatched = 0;
      int records = 0;
      for (TimedFrame frame : frames) {
        Shot shot = TestImages.shotAt(frame.seconds());
        FrameContext context = new FrameContext(ARN, "91343852333181432392682062607743920146264143",
            1_764_000_000_000L + Math.round(frame.seconds() * 1000), 1_764_000_000_000L, 0.5);
        Optional<FaceSearchRecord> record = frameAnalyzer.analyze(frame.bgr(), context, people, 80f, "RUNNING");
        assertThat(record).as("a record for the face frame at %.2f s", frame.seconds()).isPresent();
        records++;
        List<String> matched = record.get().faceSearchResponse().stream()
            .flatMap(r -> r.matchedFaces().stream()).map(m -> m.face().externalImageId()).toList();
        if (shot == Shot.ONLY_A) {
          assertThat(matched).as("A's frame at %.2f s", frame.seconds()).doesNotContain("B");
          aMatched += matched.contains("A") ? 1 : 0;
        } else if (shot == Shot.ONLY_B) {
          assertThat(matched).as("B's frame at %.2f s", frame.seconds()).doesNotContain("A");
          bMatched += matched.contains("B") ? 1 : 0;
        }
      }
      System.out.printf("frames with a record: %d; A matched in %d of its frames, B in %d%n", records, aMatched,
          bMatched);
      assertThat(aMatched).isGreaterThan(1);
      assertThat(bMatched).isGreaterThan(1);
    } finally {
      frames.forEach(f -> f.bgr().close());
    }
  }

  @Test
  void encodesTheRecordAsRekognitionVideoDoes() throws Exception {
    List<TimedFrame> frames = TestImages.videoFrames(2.0, 1000);
    try (FaceAnalyzer analyzer = new FaceAnalyzer(YunetFaceDetector.withDefaults(), new LbpFaceEmbedder(), 1, 1);
         FaceCollections collections = FaceCollections.open(dir, Clock.systemUTC(), "us-east-1", "000000000000", 100)) {
      collections.create("people", LbpFaceEmbedder.MODEL_VERSION, LbpFaceEmbedder.DIMENSION);
      FaceCollection people = collections.get("people");
      enrol(analyzer, people, frames.get(0), "A");
      FaceSearchRecord record = new FrameAnalyzer(analyzer).analyze(frames.get(0).bgr(),
          new FrameContext(ARN, "123", 1_764_000_000_123L, 1_764_000_000_000L, 0.25), people, 80f, "RUNNING")
          .orElseThrow();
      JsonNode json = new ObjectMapper().readTree(FaceSearchRecords.toJson(record));
      JsonNode video = json.get("InputInformation").get("KinesisVideo");
      assertThat(video.get("StreamArn").asText()).isEqualTo(ARN);
      assertThat(video.get("FragmentNumber").asText()).isEqualTo("123");
      assertThat(video.get("ServerTimestamp").asDouble()).isEqualTo(1_764_000_000.123);
      assertThat(video.get("ProducerTimestamp").asDouble()).isEqualTo(1_764_000_000.0);
      assertThat(video.get("FrameOffsetInSeconds").asDouble()).isEqualTo(0.25);
      assertThat(json.get("StreamProcessorInformation").get("Status").asText()).isEqualTo("RUNNING");
      JsonNode result = json.get("FaceSearchResponse").get(0);
      assertThat(result.get("DetectedFace").get("BoundingBox").get("Width").floatValue()).isPositive();
      assertThat(result.get("DetectedFace").get("Landmarks")).hasSize(5);
      JsonNode match = result.get("MatchedFaces").get(0);
      assertThat(match.get("Similarity").floatValue()).isGreaterThan(99f);
      assertThat(match.get("Face").get("ExternalImageId").asText()).isEqualTo("A");
      assertThat(match.get("Face").has("FaceId")).isTrue();
    } finally {
      frames.forEach(f -> f.bgr().close());
    }
  }

  private static void enrol(FaceAnalyzer analyzer, FaceCollection collection, TimedFrame frame, String name) {
    Analysis analysis = analyzer.analyzeDecoded(frame.bgr(), faces -> faces);
    assertThat(analysis.embedded()).hasSize(1);
    collection.add(List.of(new FaceRecord(UUID.randomUUID(), UUID.randomUUID(), name,
        analysis.embedded().get(0).face().boundingBox(), analysis.embedded().get(0).face().confidence(),
        analysis.embedded().get(0).embedding())));
  }
}
