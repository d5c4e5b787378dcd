package dev.argus.samples.faceeventsubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaceEventsTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void oneLinePerFaceWithItsBestMatch() throws IOException {
    List<String> lines = FaceEvents.toLines(utf8("{\"InputInformation\":{\"KinesisVideo\":{\"FragmentNumber\":\"77\","
        + "\"ProducerTimestamp\":12.5,\"FrameOffsetInSeconds\":1.25}},\"FaceSearchResponse\":["
        + "{\"DetectedFace\":{\"BoundingBox\":{\"Left\":0.5},\"Confidence\":99},\"MatchedFaces\":["
        + "{\"Similarity\":85,\"Face\":{\"FaceId\":\"f1\",\"ExternalImageId\":\"carol\"}},"
        + "{\"Similarity\":95,\"Face\":{\"FaceId\":\"f2\",\"ExternalImageId\":\"dave\"}}]},"
        + "{\"DetectedFace\":{\"BoundingBox\":{\"Left\":0.1}},\"MatchedFaces\":[]}]}"));
    assertThat(lines).containsExactly(
        "{\"fragmentNumber\":\"77\",\"producerTimestamp\":12.5,\"frameOffsetInSeconds\":1.25,\"box\":{\"Left\":0.5},"
            + "\"confidence\":99.0,\"person\":\"dave\",\"faceId\":\"f2\",\"similarity\":95.0}",
        "{\"fragmentNumber\":\"77\",\"producerTimestamp\":12.5,\"frameOffsetInSeconds\":1.25,\"box\":{\"Left\":0.1},"
            + "\"confidence\":0.0}");
  }

  @Test
  void rejectsWhatIsNotAFaceSearchRecord() {
    assertThatThrownBy(() -> FaceEvents.toLines(utf8("{\"Data\":1}"))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> FaceEvents.toLines(utf8("not json"))).isInstanceOf(IOException.class);
    Random random = new Random(9);
    for (int i = 0; i < 200; i++) {
      byte[] garbage = new byte[random.nextInt(64)];
      random.nextBytes(garbage);
      try {
        FaceEvents.toLines(garbage);
      } catch (IOException expected) {
        // rejected cleanly; anything else fails the test
      }
    }
  }
}
