package dev.argus.parser.mkv;

import java.nio.ByteBuffer;

/**
 * A window of a byte stream that a push-parser client still needs: the bytes at stream offsets
 * {@code [from(), end())}, appended as input arrives and released from the front once decided.
 * Users (the ingest cutter, the segment merger) feed the same bytes to an {@link MkvParser} and
 * slice raw elements out of this window by the offsets its events carry.
 *
 * <p>Storage is one array: releasing is O(1), and the array is compacted (or doubled, up to the
 * limit) only when an append does not fit behind the held bytes. Holding more than the limit is an
 * {@link ElementTooLargeException} naming the element being held.
 *
 * <p>Not thread-safe. Views returned by {@link #view} are valid until the next append or release.
 */
public final class HeldBytes {

  private static final int INITIAL_CAPACITY = 64 * 1024;

  private final int maxBytes;
  /** The element reported when the limit is passed, e.g. a Cluster. */
  private final int elementId;
  /** Held bytes are {@code bytes[start, start + length)}; {@code bytes[start]} is stream offset {@code from}. */
  private byte[] bytes;
  private int start;
  private int length;
  private long from;

  public HeldBytes(int maxBytes, int elementId) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.elementId = elementId;
    this.bytes = new byte[Math.min(INITIAL_CAPACITY, maxBytes)];
  }

  /** Stream offset of the first held byte. */
  public long from() {
    return from;
  }

  /** Stream offset just past the last held byte. */
  public long end() {
    return from + length;
  }

  public int length() {
    return length;
  }

  /**
   * Appends all of {@code input} (consuming it).
   *
   * @throws ElementTooLargeException when the window would exceed its limit
   */
  public void append(ByteBuffer input) {
    int n = input.remaining();
    if ((long) length + n > maxBytes) {
      throw new ElementTooLargeException(elementId, (long) length + n, maxBytes, from);
    }
    if (start + length + n > bytes.length) {
      // Compact first; grow only if the held bytes themselves need the room.
      byte[] target = length + n > bytes.length
          ? new byte[Math.min(maxBytes, Math.max(bytes.length * 2, length + n))] : bytes;
      System.arraycopy(bytes, start, target, 0, length);
      bytes = target;
      start = 0;
    }
    input.get(bytes, start + length, n);
    length += n;
  }

  /** Forgets the bytes before {@code offset}, clamped to the held range. */
  public void release(long offset) {
    int n = (int) Math.min(length, Math.max(0, offset - from));
    start += n;
    length -= n;
    from += n;
    if (length == 0) {
      start = 0;
    }
  }

  /** A copy of the bytes at stream offsets {@code [fromOffset, toOffset)}, which must be held. */
  public byte[] copy(long fromOffset, long toOffset) {
    ByteBuffer view = view(fromOffset, toOffset);
    byte[] copy = new byte[view.remaining()];
    view.get(copy);
    return copy;
  }

  /**
   * The bytes at stream offsets {@code [fromOffset, toOffset)} without copying: a buffer over the
   * backing array (so {@code array()} and {@code arrayOffset()} work), valid until the next append
   * or release.
   */
  public ByteBuffer view(long fromOffset, long toOffset) {
    if (fromOffset < from || toOffset > end() || fromOffset > toOffset) {
      throw new IllegalStateException("[" + fromOffset + ", " + toOffset + ") is outside the held bytes ["
          + from + ", " + end() + ")");
    }
    return ByteBuffer.wrap(bytes, start + (int) (fromOffset - from), (int) (toOffset - fromOffset)).slice();
  }
}
