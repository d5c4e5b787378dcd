package dev.argus.producer.source;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How sources are opened.
 *
 * @param clock the wall clock that anchors producer timestamps
 * @param keyFrameInterval the encoder's key-frame interval when it re-encodes (the fragment target)
 * @param bitrate the encoder's target bit rate, bits per second
 * @param forceEncode re-encode even H.264/H.265 sources
 * @param ioTimeout network read timeout for RTSP
 * @param reconnectDelay wait before reopening a live source that failed or ended
 */
public record SourceOptions(Clock clock, Duration keyFrameInterval, int bitrate, boolean forceEncode,
    Duration ioTimeout, Duration reconnectDelay) {

  public static final int DEFAULT_BITRATE = 2_000_000;
  public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(1);

  public SourceOptions {
    Objects.requireNonNull(clock, "clock");
    if (keyFrameInterval.isNegative() || keyFrameInterval.isZero() || bitrate <= 0) {
      throw new IllegalArgumentException("keyFrameInterval and bitrate must be positive");
    }
  }

  public static SourceOptions defaults(Clock clock, Duration keyFrameInterval) {
    return new SourceOptions(clock, keyFrameInterval, DEFAULT_BITRATE, false, DEFAULT_IO_TIMEOUT, DEFAULT_RECONNECT_DELAY);
  }

  public SourceOptions withForceEncode(boolean value) {
    return new SourceOptions(clock, keyFrameInterval, bitrate, value, ioTimeout, reconnectDelay);
  }
}
