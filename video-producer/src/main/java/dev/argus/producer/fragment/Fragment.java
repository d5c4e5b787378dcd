package dev.argus.producer.fragment;

import java.util.List;

/**
 * One fragment: what goes into one MKV Cluster and gets one set of PutMedia acknowledgements.
 *
 * <p>Invariants: the first frame is a key frame of the fragmenting track; {@code timecodeMillis}
 * is the smallest presentation time (ms) of its frames, so every block's cluster-relative timecode
 * is in {@code [0, durationMillis]}; {@code endMillis} is the largest presentation time (ms).
 *
 * @param sequence 0-based position of the fragment in this producer's output
 * @param timecodeMillis the Cluster timecode: absolute producer time, epoch milliseconds
 * @param frames the frames in decoding order, immutable
 */
public record Fragment(long sequence, long timecodeMillis, List<Packet> frames) {

  public Fragment {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be non-negative: " + sequence);
    }
    frames = List.copyOf(frames);
    if (frames.isEmpty() || !frames.get(0).key()) {
      throw new IllegalArgumentException("a fragment starts with a key frame");
    }
    long min = frames.stream().mapToLong(Packet::ptsMillis).min().orElseThrow();
    if (min != timecodeMillis) {
      throw new IllegalArgumentException("timecode " + timecodeMillis + " is not the earliest frame " + min);
    }
  }

  /** The largest presentation time of the fragment's frames, epoch milliseconds. */
  public long endMillis() {
    return frames.stream().mapToLong(Packet::ptsMillis).max().orElseThrow();
  }

  /** Presentation span from the first to the last frame, in milliseconds. */
  public long durationMillis() {
    return endMillis() - timecodeMillis;
  }

  /** The total payload bytes of the frames. */
  public long payloadBytes() {
    return frames.stream().mapToLong(p -> p.data().length).sum();
  }
}
