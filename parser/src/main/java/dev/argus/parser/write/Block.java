package dev.argus.parser.write;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One frame to write as a SimpleBlock.
 *
 * @param trackNumber the track it belongs to (positive)
 * @param timecode absolute timecode in ticks (the writer stores it relative to its Cluster's,
 *     which must leave it within a signed 16-bit range)
 * @param keyFrame the SimpleBlock key-frame flag
 * @param data the frame's bytes, from position to limit; the writer reads them without changing
 *     the buffer's position and keeps no reference after the write call returns
 */
public record Block(long trackNumber, long timecode, boolean keyFrame, ByteBuffer data) {

  public Block {
    if (trackNumber <= 0) {
      throw new IllegalArgumentException("track number must be positive: " + trackNumber);
    }
    Objects.requireNonNull(data, "data");
  }

  /** A block over an array. */
  public static Block of(long trackNumber, long timecode, boolean keyFrame, byte[] data) {
    return new Block(trackNumber, timecode, keyFrame, ByteBuffer.wrap(data));
  }
}
