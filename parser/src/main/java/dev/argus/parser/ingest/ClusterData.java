package dev.argus.parser.ingest;

import java.util.Arrays;
import java.util.List;

/**
 * One whole Cluster cut from the input: its raw bytes and what its blocks are.
 *
 * @param startOffset input offset of the Cluster element
 * @param timecode the Cluster's Timecode in ticks
 * @param timecodeScale nanoseconds per tick of its Segment
 * @param bytes the Cluster element exactly as it was in the input (header included)
 * @param frames its frames in order, without their data
 */
public record ClusterData(long startOffset, long timecode, long timecodeScale, byte[] bytes, List<FrameInfo> frames) {

  /**
   * A frame's place in the stream.
   *
   * @param trackNumber its track
   * @param timecode absolute timecode in ticks
   * @param keyFrame whether it is a key frame
   * @param size its data length in bytes
   */
  public record FrameInfo(long trackNumber, long timecode, boolean keyFrame, int size) {
  }

  public ClusterData {
    bytes = bytes.clone();
    frames = List.copyOf(frames);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The Cluster's start in nanoseconds from its Segment's zero. */
  public long timestampNanos() {
    return timecode * timecodeScale;
  }

  /** Whether its first frame is a key frame (a KVS fragment must start with one). */
  public boolean startsWithKeyFrame() {
    return !frames.isEmpty() && frames.get(0).keyFrame();
  }

  /** The span from the first to the last frame's timecode, in ticks (0 for fewer than two frames). */
  public long durationTicks() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (FrameInfo frame : frames) {
      min = Math.min(min, frame.timecode());
      max = Math.max(max, frame.timecode());
    }
    return frames.size() < 2 ? 0 : max - min;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterData c && startOffset == c.startOffset && timecode == c.timecode
        && timecodeScale == c.timecodeScale && Arrays.equals(bytes, c.bytes) && frames.equals(c.frames);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(startOffset) * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ClusterData[startOffset=" + startOffset + ", timecode=" + timecode + ", bytes=" + bytes.length
        + ", frames=" + frames.size() + "]";
  }
}
