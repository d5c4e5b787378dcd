package dev.argus.parser.mkv;

/**
 * An element the parser must hold whole is larger than its {@link ParserLimits} allow: a metadata
 * element (EBML header, Info, Tracks, Tags) over {@link ParserLimits#maxElementBytes()}, or a block
 * over {@link ParserLimits#maxFrameBytes()}. The parser never buffers past the limit.
 */
public final class ElementTooLargeException extends MkvException {

  private final int elementId;
  private final long size;
  private final long limit;

  public ElementTooLargeException(int elementId, long size, long limit, long offset) {
    super(String.format("element 0x%X of %d bytes exceeds the limit of %d", elementId, size, limit), offset);
    this.elementId = elementId;
    this.size = size;
    this.limit = limit;
  }

  public int elementId() {
    return elementId;
  }

  public long size() {
    return size;
  }

  public long limit() {
    return limit;
  }
}
