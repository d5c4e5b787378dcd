package dev.argus.faces.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.faces.analysis.FaceAnalyzer;
import dev.argus.faces.collection.CollectionNotFoundException;
import dev.argus.faces.collection.FaceCollections;
import dev.argus.faces.detect.YunetFaceDetector;
import dev.argus.faces.embed.LbpFaceEmbedder;
import dev.argus.faces.processor.VideoFragmentSource.StartPosition;
import dev.argus.faces.stream.AnalysisPool;
import dev.argus.faces.stream.FrameAnalyzer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's state machine and persistence, with in-memory video and record ports: a video
 * stream "cam" that stays quiet (or ends, to make a processor fail) and a data stream "out".
 */
class StreamProcessorsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private static final String CAM = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam/1";
  private static final String GONE = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/gone/1";
  private static final String OUT = "arn:aws:kinesis:us-east-1:000000000000:stream/out";
  private static FaceAnalyzer analyzer;
  /** The shared analysis pool the processors run on, as in the server. */
  private static AnalysisPool pool;

  @TempDir
  Path dir;

  /** A video store with two streams: "cam" that never gets a fragment and "gone" that has ended. */
  private final class Video implements VideoFragmentSource {
    final List<StartPosition> opened = new CopyOnWriteArrayList<>();

    @Override
    public String streamName(String arn) {
      if (!arn.equals(CAM) && !arn.equals(GONE)) {
        throw new ProcessorResourceNotFoundException("no " + arn);
      }
      return arn.equals(CAM) ? "cam" : "gone";
    }

    @Override
    public Tail open(String arn, StartPosition start) {
      opened.add(start);
      boolean ended = arn.equals(GONE);
      return new Tail() {
        @Override
        public Optional<VideoFragment> poll(Duration timeout) throws InterruptedException {
          Thread.sleep(Math.min(timeout.toMillis(), 20));
          return Optional.empty();
        }

        @Override
        public boolean ended() {
          return ended;
        }

        @Override
        public void close() {
        }
      };
    }
  }

  private static final class Records implements RecordSink {
    final List<byte[]> put = new CopyOnWriteArrayList<>();

    @Override
    public void requireStream(String arn) {
      if (!arn.equals(OUT)) {
        throw new ProcessorResourceNotFoundException("no " + arn);
      }
    }

    @Override
    public void put(String arn, String key, byte[] data) {
      put.add(data);
    }
  }

  private final Video video = new Video();

  @BeforeAll
  static void analyzer() {
    analyzer = new FaceAnalyzer(YunetFaceDetector.withDefaults(), new LbpFaceEmbedder(), 1, 2);
    pool = new AnalysisPool(2);
  }

  @AfterAll
  static void close() {
    pool.close();
    analyzer.close();
  }

  private StreamProcessors open(FaceCollections collections) throws Exception {
    return StreamProcessors.open(dir.resolve("processors"), CLOCK, "us-east-1", "000000000000", video, new Records(),
        collections, new FrameAnalyzer(analyzer, pool), StreamProcessors.DEFAULT_FRAMES_PER_SECOND,
        StreamProcessors.DEFAULT_MAX_LAG_MILLIS);
  }

  private FaceCollections collections() throws Exception {
    FaceCollections collections = FaceCollections.open(dir.resolve("collections"), CLOCK, "us-east-1",
        "000000000000", 100);
    if (collections.list(null, 10).isEmpty()) {
      collections.create("people", "lbp", 16);
    }
    return collections;
  }

  private static void await(StreamProcessors processors, String name, ProcessorStatus status) throws Exception {
    for (int i = 0; i < 500 && processors.describe(name).definition().status() != status; i++) {
      Thread.sleep(20);
    }
    assertThat(processors.describe(name).definition().status()).isEqualTo(status);
  }

  @Test
  void createStartStopDelete() throws Exception {
    try (FaceCollections collections = collections(); StreamProcessors processors = open(collections)) {
      String arn = processors.create("door", CAM, OUT, "role", "people", 80);
      assertThat(arn).isEqualTo("arn:aws:rekognition:us-east-1:000000000000:streamprocessor/door");
      assertThat(processors.describe("door").definition().status()).isEqualTo(ProcessorStatus.STOPPED);
      assertThatThrownBy(() -> processors.create("door", CAM, OUT, "role", "people", 80))
          .isInstanceOf(ProcessorInUseException.class);
      assertThatThrownBy(() -> processors.stop("door")).isInstanceOf(ProcessorInUseException.class);

      processors.start("door", new StartPosition.ProducerTime(1234));
      await(processors, "door", ProcessorStatus.RUNNING);
      assertThat(video.opened).containsExactly(new StartPosition.ProducerTime(1234));
      assertThatThrownBy(() -> processors.start("door", new StartPosition.Now()))
          .isInstanceOf(ProcessorInUseException.class);
      processors.stop("door");
      await(processors, "door", ProcessorStatus.STOPPED);
      assertThat(processors.describe("door").definition().statusMessage()).isEmpty();

      processors.delete("door");
      assertThatThrownBy(() -> processors.describe("door")).isInstanceOf(ProcessorResourceNotFoundException.class);
      assertThatThrownBy(() -> processors.delete("door")).isInstanceOf(ProcessorResourceNotFoundException.class);
    }
  }

  @Test
  void createChecksEveryResource() throws Exception {
    try (FaceCollections collections = collections(); StreamProcessors processors = open(collections)) {
      assertThatThrownBy(() -> processors.create("a", "arn:nope", OUT, "role", "people", 80))
          .isInstanceOf(ProcessorResourceNotFoundException.class);
      assertThatThrownBy(() -> processors.create("a", CAM, "arn:nope", "role", "people", 80))
          .isInstanceOf(ProcessorResourceNotFoundException.class);
      assertThatThrownBy(() -> processors.create("a", CAM, OUT, "role", "nobody", 80))
          .isInstanceOf(CollectionNotFoundException.class);
      assertThat(processors.list(null, 10)).isEmpty();
    }
  }

  @Test
  void aProcessorWhoseStreamEndsFailsWithTheReasonAndCanStartAgain() throws Exception {
    try (FaceCollections collections = collections(); StreamProcessors processors = open(collections)) {
      processors.create("door", GONE, OUT, "role", "people", 80);
      processors.start("door", new StartPosition.Now());
      await(processors, "door", ProcessorStatus.FAILED);
      assertThat(processors.describe("door").definition().statusMessage()).contains("deleted");
      processors.start("door", new StartPosition.Now());
      await(processors, "door", ProcessorStatus.FAILED);
      assertThat(video.opened).hasSize(2);
    }
  }

  @Test
  void runningProcessorsRestartAfterAReopenAndDefinitionsPersist() throws Exception {
    try (FaceCollections collections = collections()) {
      try (StreamProcessors processors = open(collections)) {
        processors.create("b-door", CAM, OUT, "role", "people", 91.5f);
        processors.create("a-door", CAM, OUT, "role", "people", 80);
        processors.start("b-door", new StartPosition.Fragment("91343852333181432392682062607743920146264910451"));
        await(processors, "b-door", ProcessorStatus.RUNNING);
      }
      video.opened.clear();
      try (StreamProcessors processors = open(collections)) {
        await(processors, "b-door", ProcessorStatus.RUNNING);
        assertThat(video.opened).containsExactly(
            new StartPosition.Fragment("91343852333181432392682062607743920146264910451"));
        ProcessorDefinition b = processors.describe("b-door").definition();
        assertThat(b.threshold()).isEqualTo(91.5f);
        assertThat(b.videoStreamArn()).isEqualTo(CAM);
        assertThat(b.dataStreamArn()).isEqualTo(OUT);
        assertThat(processors.describe("a-door").definition().status()).isEqualTo(ProcessorStatus.STOPPED);
        assertThat(processors.list(null, 1)).extracting(ProcessorDefinition::name).containsExactly("a-door");
        assertThat(processors.list("a-door", 10)).extracting(ProcessorDefinition::name).containsExactly("b-door");
      }
    }
  }
}
