package dev.argus.parser.mkv;

/**
 * A timecode whose nanoseconds ({@code timecode * TimecodeScale}, the cluster's timecode plus a
 * block's relative one for a block) do not fit a signed 64-bit long: past about 292 years from
 * the segment's zero. The bytes are well-formed EBML, but no {@link Frame} or
 * {@link MkvEvent.ClusterStart} can state the time, so the parser stops there. A KVS ingest maps
 * it to 4007 INVALID_PRODUCER_TIMESTAMP.
 */
public final class TimecodeOverflowException extends MkvException {

  private final long timecode;
  private final long timecodeScale;

  public TimecodeOverflowException(long timecode, long timecodeScale, long offset) {
    super("timecode " + Long.toUnsignedString(timecode) + " x TimecodeScale " + timecodeScale
        + " ns overflows 64-bit nanoseconds", offset);
    this.timecode = timecode;
    this.timecodeScale = timecodeScale;
  }

  /** The timecode in ticks (as an unsigned value when it came from an 8-byte Timecode element). */
  public long timecode() {
    return timecode;
  }

  /** Nanoseconds per tick. */
  public long timecodeScale() {
    return timecodeScale;
  }

  /** {@code timecode * timecodeScale}, or this exception for the element at {@code offset}. */
  static long nanos(long timecode, long timecodeScale, long offset) {
    try {
      return Math.multiplyExact(timecode, timecodeScale);
    } catch (ArithmeticException e) {
      throw new TimecodeOverflowException(timecode, timecodeScale, offset);
    }
  }
}
