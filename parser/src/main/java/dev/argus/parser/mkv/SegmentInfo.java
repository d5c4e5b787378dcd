package dev.argus.parser.mkv;

import java.util.Objects;

/**
 * The values of a Segment's Info element that Argus uses.
 *
 * @param timecodeScale nanoseconds per timecode tick (default 1,000,000: ticks are milliseconds)
 * @param duration the Duration in ticks, or {@code NaN} when absent (live streams have none)
 * @param title the Title, or "" when absent
 * @param muxingApp the MuxingApp, or ""
 * @param writingApp the WritingApp, or ""
 */
public record SegmentInfo(long timecodeScale, double duration, String title, String muxingApp, String writingApp) {

  /** Matroska's default TimecodeScale: one tick is one millisecond. */
  public static final long DEFAULT_TIMECODE_SCALE = 1_000_000L;

  public SegmentInfo {
    if (timecodeScale <= 0) {
      throw new IllegalArgumentException("timecodeScale must be positive: " + timecodeScale);
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(muxingApp, "muxingApp");
    Objects.requireNonNull(writingApp, "writingApp");
  }

  /** Info for a live stream: millisecond ticks, no duration. */
  public static SegmentInfo live(String app) {
    return new SegmentInfo(DEFAULT_TIMECODE_SCALE, Double.NaN, "", app, app);
  }

  /** Whether a Duration was present. */
  public boolean hasDuration() {
    return !Double.isNaN(duration);
  }
}
