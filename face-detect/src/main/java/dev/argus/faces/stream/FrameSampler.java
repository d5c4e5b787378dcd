package dev.argus.faces.stream;

/**
 * Which frames a stream processor analyses (pure): every frame, or at most {@code perSecond}
 * frames per second of stream time. A frame is taken when its timestamp has reached the next
 * slot; slots are {@code 1000 / perSecond} ms apart and start at the first frame, so a 30 fps
 * stream sampled at 5 per second yields every 6th frame, and gaps in the stream never cause a
 * burst (the next slot is reset from the frame taken, not accumulated).
 *
 * <p>Not thread-safe: one per processor, fed in timestamp order.
 */
public final class FrameSampler {

  private final long intervalMillis;
  /** Stream time of the next slot; {@code Long.MIN_VALUE} before the first frame. */
  private long nextMillis = Long.MIN_VALUE;

  private FrameSampler(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  public static FrameSampler everyFrame() {
    return new FrameSampler(0);
  }

  public static FrameSampler perSecond(double framesPerSecond) {
    if (!(framesPerSecond > 0) || framesPerSecond > 1000) {
      throw new IllegalArgumentException("frames per second must be in (0, 1000]: " + framesPerSecond);
    }
    return new FrameSampler(Math.round(1000 / framesPerSecond));
  }

  /** Whether to analyse the frame at this stream time (epoch millis, non-decreasing). */
  public boolean take(long frameMillis) {
    if (frameMillis < nextMillis) {
      return false;
    }
    nextMillis = frameMillis + intervalMillis;
    return true;
  }
}
