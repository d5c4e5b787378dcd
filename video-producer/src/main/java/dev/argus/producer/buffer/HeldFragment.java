package dev.argus.producer.buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * One fragment in a {@link ContentBuffer}: the pieces to send (a whole Cluster of known size, or the
 * start of a Cluster of unknown size and one SimpleBlock per frame) and what acks are matched by.
 *
 * <p>Not thread-safe: guarded by its buffer's lock.
 */
final class HeldFragment {
  final long sequence;
  final long timecodeMillis;
  /** Whether it is a Cluster of known size, ended by its own bytes. */
  final boolean sized;
  /** The bytes to send, in order; the first opens the Cluster. */
  final List<byte[]> pieces = new ArrayList<>();
  long endMillis;
  int frames;
  long bytes;
  boolean complete;

  HeldFragment(long sequence, long timecodeMillis, boolean sized) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be non-negative: " + sequence);
    }
    this.sequence = sequence;
    this.timecodeMillis = timecodeMillis;
    this.endMillis = timecodeMillis;
    this.sized = sized;
  }

  void add(byte[] piece, long end, int frameCount) {
    pieces.add(piece);
    bytes += piece.length;
    endMillis = Math.max(endMillis, end);
    frames += frameCount;
  }

  EncodedFragment encoded() {
    if (pieces.size() == 1) {
      return new EncodedFragment(sequence, timecodeMillis, endMillis, frames, pieces.get(0));
    }
    byte[] all = new byte[(int) bytes];
    int at = 0;
    for (byte[] p : pieces) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return new EncodedFragment(sequence, timecodeMillis, endMillis, frames, all);
  }
}
