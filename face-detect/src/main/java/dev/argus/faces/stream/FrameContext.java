package dev.argus.faces.stream;

import java.util.Objects;

/**
 * Where an analysed frame came from, as a Rekognition Video record names it
 * ({@code InputInformation.KinesisVideo}).
 *
 * @param streamArn               the video stream's ARN
 * @param fragmentNumber          the fragment holding the frame
 * @param serverTimestampMillis   the fragment's server timestamp, epoch millis
 * @param producerTimestampMillis the fragment's producer timestamp, epoch millis
 * @param frameOffsetSeconds      the frame's offset from the fragment's start, seconds, not negative
 */
public record FrameContext(String streamArn, String fragmentNumber, long serverTimestampMillis,
                           long producerTimestampMillis, double frameOffsetSeconds) {

  public FrameContext {
    Objects.requireNonNull(streamArn, "streamArn");
    Objects.requireNonNull(fragmentNumber, "fragmentNumber");
    if (!(frameOffsetSeconds >= 0) || Double.isInfinite(frameOffsetSeconds)) {
      throw new IllegalArgumentException("frameOffsetSeconds must be finite and not negative: " + frameOffsetSeconds);
    }
  }
}
