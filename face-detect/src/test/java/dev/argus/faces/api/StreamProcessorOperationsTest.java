package dev.argus.faces.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.faces.analysis.FaceAnalyzer;
import dev.argus.faces.collection.FaceCollections;
import dev.argus.faces.detect.YunetFaceDetector;
import dev.argus.faces.embed.LbpFaceEmbedder;
import dev.argus.faces.processor.ProcessorInUseException;
import dev.argus.faces.processor.ProcessorResourceNotFoundException;
import dev.argus.faces.processor.RecordSink;
import dev.argus.faces.processor.StreamProcessors;
import dev.argus.faces.processor.VideoFragmentSource;
import dev.argus.faces.stream.FrameAnalyzer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request validation and response documents of the stream-processor operations. */
class StreamProcessorOperationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private static final String CAM = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam/1";
  private static final String OUT = "arn:aws:kinesis:us-east-1:000000000000:stream/out";

  @TempDir
  Path dir;
  private FaceCollections collections;
  private FaceAnalyzer analyzer;
  private StreamProcessors processors;
  private StreamProcessorOperations ops;

  /** A quiet video stream "cam": its tail never yields a fragment. */
  private static final class QuietVideo implements VideoFragmentSource {
    @Override
    public String streamName(String arn) {
      if (!arn.equals(CAM)) {
        throw new ProcessorResourceNotFoundException("no " + arn);
      }
      return "cam";
    }

    @Override
    public Tail open(String arn, StartPosition start) {
      return new Tail() {
        @Override
        public Optional<VideoFragment> poll(Duration timeout) throws InterruptedException {
          Thread.sleep(Math.min(timeout.toMillis(), 20));
          return Optional.empty();
        }

        @Override
        public boolean ended() {
          return false;
        }

        @Override
        public void close() {
        }
      };
    }
  }

  @BeforeEach
  void open() throws Exception {
    collections = FaceCollections.open(dir.resolve("collections"), CLOCK, "us-east-1", "000000000000", 100);
    collections.create("people", "lbp", 16);
    analyzer = new FaceAnalyzer(YunetFaceDetector.withDefaults(), new LbpFaceEmbedder(), 1, 2);
    RecordSink sink = new RecordSink() {
      @Override
      public void requireStream(String arn) {
        if (!arn.equals(OUT)) {
          throw new ProcessorResourceNotFoundException("no " + arn);
        }
      }

      @Override
      public void put(String arn, String key, byte[] data) {
      }
    };
    processors = StreamProcessors.open(dir.resolve("processors"), CLOCK, "us-east-1", "000000000000",
        new QuietVideo(), sink, collections, new FrameAnalyzer(analyzer), 5, 30_000);
    ops = new StreamProcessorOperations(processors);
  }

  @AfterEach
  void close() {
    processors.close();
    analyzer.close();
    collections.close();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private static String create(String name, String settings) {
    return "{'Name':'" + name + "','Input':{'KinesisVideoStream':{'Arn':'" + CAM + "'}},"
        + "'Output':{'KinesisDataStream':{'Arn':'" + OUT + "'}},'Settings':" + settings + ",'RoleArn':'r'}";
  }

  @Test
  void createDescribesWithTheDefaultThresholdAndEveryMember() throws Exception {
    JsonNode created = JSON.valueToTree(ops.create(json(create("door", "{'FaceSearch':{'CollectionId':'people'}}"))));
    assertThat(created.get("StreamProcessorArn").asText())
        .isEqualTo("arn:aws:rekognition:us-east-1:000000000000:streamprocessor/door");
    JsonNode d = JSON.valueToTree(ops.describe(json("{'Name':'door'}")));
    assertThat(d.get("Status").asText()).isEqualTo("STOPPED");
    assertThat(d.at("/Settings/FaceSearch/FaceMatchThreshold").floatValue()).isEqualTo(80f);
    assertThat(d.at("/Settings/FaceSearch/CollectionId").asText()).isEqualTo("people");
    assertThat(d.at("/Input/KinesisVideoStream/Arn").asText()).isEqualTo(CAM);
    assertThat(d.at("/Output/KinesisDataStream/Arn").asText()).isEqualTo(OUT);
    assertThat(d.get("RoleArn").asText()).isEqualTo("r");
    assertThat(d.get("CreationTimestamp").asDouble()).isEqualTo(CLOCK.millis() / 1000.0);
  }

  @Test
  void invalidRequestsAreInvalidParameters() throws Exception {
    assertThatThrownBy(() -> ops.create(json(create("bad name", "{'FaceSearch':{'CollectionId':'people'}}"))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ops.create(json(create("door", "{'ConnectedHome':{'Labels':['PERSON']}}"))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ops.create(json(create("door",
        "{'FaceSearch':{'CollectionId':'people','FaceMatchThreshold':101}}"))))
        .isInstanceOf(InvalidParameterException.class);
    ops.create(json(create("door", "{'FaceSearch':{'CollectionId':'people'}}")));
    assertThatThrownBy(() -> ops.start(json("{'Name':'door','StartSelector':{'KVSStreamStartSelector':"
        + "{'ProducerTimestamp':1,'FragmentNumber':'9'}}}"))).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ops.start(json("{'Name':'door','StartSelector':{'KVSStreamStartSelector':"
        + "{'ProducerTimestamp':-1}}}"))).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ops.stop(json("{'Name':'door'}"))).isInstanceOf(ProcessorInUseException.class);
    assertThatThrownBy(() -> ops.describe(json("{'Name':'nope'}")))
        .isInstanceOf(ProcessorResourceNotFoundException.class);
    assertThatThrownBy(() -> ops.list(json("{'NextToken':'garbage'}")))
        .isInstanceOf(InvalidPaginationTokenException.class);
  }

  @Test
  void listPagesThroughEveryProcessorInNameOrder() throws Exception {
    List<String> names = List.of("a", "b", "c", "d", "e");
    for (String name : List.of("e", "c", "a", "d", "b")) {
      ops.create(json(create(name, "{'FaceSearch':{'CollectionId':'people'}}")));
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String body = token == null ? "{'MaxResults':2}" : "{'MaxResults':2,'NextToken':'" + token + "'}";
      JsonNode page = JSON.valueToTree(ops.list(json(body)));
      page.get("StreamProcessors").forEach(p -> {
        seen.add(p.get("Name").asText());
        assertThat(p.get("Status").asText()).isEqualTo("STOPPED");
      });
      token = page.has("NextToken") ? page.get("NextToken").asText() : null;
      pages++;
    } while (token != null);
    assertThat(seen).isEqualTo(names);
    assertThat(pages).isEqualTo(3);
  }
}
