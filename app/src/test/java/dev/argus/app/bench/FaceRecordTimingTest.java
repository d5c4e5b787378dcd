package dev.argus.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FaceRecordTimingTest {

  private static byte[] record(String producer, String server, String offset, String matches) {
    return ("{\"InputInformation\":{\"KinesisVideo\":{\"StreamArn\":\"arn\",\"FragmentNumber\":\"1\","
        + "\"ServerTimestamp\":" + server + ",\"ProducerTimestamp\":" + producer + ",\"FrameOffsetInSeconds\":" + offset
        + "}},\"FaceSearchResponse\":[{\"DetectedFace\":{},\"MatchedFaces\":" + matches + "}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aFrameOfAFragmentSentWhenCompleteWasUploadedWhenTheFragmentArrived() {
    FaceRecordTiming t = FaceRecordTiming.of(record("1795651200.000", "1795651201.050", "0.4", "[]")).orElseThrow();
    assertThat(t.captureMillis()).isEqualTo(1795651200400L);
    assertThat(t.uploadMillis()).isEqualTo(1795651201050L);
    assertThat(t.matched()).isFalse();
  }

  @Test
  void aFrameStreamedAsCapturedWasUploadedWhenCaptured() {
    FaceRecordTiming t = FaceRecordTiming.of(record("1795651200.000", "1795651200.010", "0.9",
        "[{\"Similarity\":99.0,\"Face\":{}}]")).orElseThrow();
    assertThat(t.uploadMillis()).isEqualTo(1795651200900L).isEqualTo(t.captureMillis());
    assertThat(t.matched()).isTrue();
  }

  @Test
  void somethingElseIsNoTiming() {
    assertThat(FaceRecordTiming.of("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(FaceRecordTiming.of("{\"InputInformation\":{}}".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
