package dev.argus.log;

/**
 * A read below {@link Log#firstOffset()} (deleted by retention, or negative). Reads at or beyond
 * {@link Log#nextOffset()} are not errors: they return nothing.
 */
public final class OffsetOutOfRangeException extends LogException {
  private final long offset;
  private final long firstOffset;

  public OffsetOutOfRangeException(long offset, long firstOffset) {
    super("offset " + offset + " is before the first offset " + firstOffset);
    this.offset = offset;
    this.firstOffset = firstOffset;
  }

  public long offset() {
    return offset;
  }

  public long firstOffset() {
    return firstOffset;
  }
}
