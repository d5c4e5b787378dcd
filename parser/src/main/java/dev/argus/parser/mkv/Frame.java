package dev.argus.parser.mkv;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One frame of a SimpleBlock or Block: a laced block yields one Frame per lace, all with the
 * block's timecode and offsets.
 *
 * <p><b>Buffer lifetime.</b> {@link #data()} is a view of either the caller's input buffer or the
 * parser's own buffer. It is valid only until the listener call that delivered this frame returns;
 * a listener that keeps the bytes must {@link #copy()} the frame (or copy {@link #data()}). The
 * listener must not write into it. Its position is 0 and its limit the frame's length.
 *
 * @param startOffset absolute stream offset where the SimpleBlock or BlockGroup element starts
 * @param endOffset absolute stream offset just past that element
 * @param trackNumber the block's track number
 * @param timecode absolute timecode in ticks: the Cluster's Timecode plus the block's relative one
 * @param timestampNanos {@code timecode * TimecodeScale}: nanoseconds from the segment's zero
 * @param keyFrame SimpleBlock's key-frame flag; for a BlockGroup, no ReferenceBlock present
 * @param invisible the invisible flag
 * @param discardable SimpleBlock's discardable flag
 * @param laceIndex 0-based index of this frame within its block
 * @param laceCount frames in the block (1 without lacing)
 * @param data the frame's bytes (see the lifetime above)
 */
public record Frame(long startOffset, long endOffset, long trackNumber, long timecode, long timestampNanos,
    boolean keyFrame, boolean invisible, boolean discardable, int laceIndex, int laceCount, ByteBuffer data)
    implements MkvEvent {

  public Frame {
    Objects.requireNonNull(data, "data");
    if (laceIndex < 0 || laceIndex >= laceCount) {
      throw new IllegalArgumentException("lace " + laceIndex + " of " + laceCount);
    }
  }

  /** The timestamp in whole milliseconds (floor). */
  public long timestampMillis() {
    return Math.floorDiv(timestampNanos, 1_000_000L);
  }

  /** The frame's length in bytes. */
  public int size() {
    return data.remaining();
  }

  /** The frame's bytes as a new array. */
  public byte[] bytes() {
    byte[] bytes = new byte[data.remaining()];
    data.get(data.position(), bytes);
    return bytes;
  }

  /** This frame with a private copy of its bytes, valid for as long as the caller keeps it. */
  public Frame copy() {
    return new Frame(startOffset, endOffset, trackNumber, timecode, timestampNanos, keyFrame, invisible,
        discardable, laceIndex, laceCount, ByteBuffer.wrap(bytes()));
  }

  @Override
  public void accept(MkvVisitor visitor) {
    visitor.frame(this);
  }
}
