package dev.argus.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * When the frame behind a Rekognition Video face-search record was captured and uploaded (pure).
 *
 * <p>The record names its frame by {@code InputInformation.KinesisVideo}: the fragment's
 * {@code ProducerTimestamp} plus {@code FrameOffsetInSeconds} is the frame's capture time on the
 * producer's clock; {@code ServerTimestamp} is when the fragment started to arrive. A frame cannot
 * be uploaded before it is captured nor before its fragment starts arriving, so its upload time is
 * the later of the two: for a producer that sends each fragment once complete (ours today) that is
 * the ServerTimestamp; for one that streams frames as they are captured, the capture time. Both
 * clocks must be the same machine's (or synchronized) for the difference to mean anything.
 *
 * @param captureMillis epoch ms the frame was captured (producer clock)
 * @param uploadMillis  epoch ms the frame was uploaded, as above
 * @param matched       whether any detected face matched a collection face
 */
record FaceRecordTiming(long captureMillis, long uploadMillis, boolean matched) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a record's JSON; empty when it is not a face-search record with a producer timestamp. */
  static Optional<FaceRecordTiming> of(byte[] record) {
    JsonNode root;
    try {
      root = JSON.readTree(record);
    } catch (IOException e) {
      return Optional.empty();
    }
    JsonNode video = root.path("InputInformation").path("KinesisVideo");
    if (!video.path("ProducerTimestamp").isNumber() || !video.path("ServerTimestamp").isNumber()) {
      return Optional.empty();
    }
    long capture = Math.round((video.get("ProducerTimestamp").asDouble()
        + video.path("FrameOffsetInSeconds").asDouble(0)) * 1000);
    long server = Math.round(video.get("ServerTimestamp").asDouble() * 1000);
    boolean matched = false;
    for (JsonNode face : root.path("FaceSearchResponse")) {
      matched |= !face.path("MatchedFaces").isEmpty();
    }
    return Optional.of(new FaceRecordTiming(capture, Math.max(capture, server), matched));
  }
}
