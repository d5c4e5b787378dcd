package dev.argus.producer.buffer;

import java.util.Objects;

/**
 * A fragment ready for the wire: its MKV Cluster bytes and what is needed to match acknowledgements.
 *
 * @param sequence the fragment's 0-based position in the producer's output
 * @param timecodeMillis the Cluster timecode (epoch ms); acks name the fragment by it
 * @param endMillis the presentation time of its last frame (epoch ms), {@code >= timecodeMillis}
 * @param frameCount frames in the cluster (0 only for a streamed fragment dropped before its first frame)
 * @param cluster the Cluster element as sent: a complete Cluster, or for a streamed fragment a Cluster
 *     of unknown size and the blocks written so far; owned by this record and never changed
 */
public record EncodedFragment(long sequence, long timecodeMillis, long endMillis, int frameCount, byte[] cluster) {

  public EncodedFragment {
    if (sequence < 0 || endMillis < timecodeMillis || frameCount < 0) {
      throw new IllegalArgumentException("bad fragment: seq " + sequence + " [" + timecodeMillis + ", "
          + endMillis + "] frames " + frameCount);
    }
    Objects.requireNonNull(cluster, "cluster");
  }

  public int size() {
    return cluster.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedFragment f && f.sequence == sequence && f.timecodeMillis == timecodeMillis
        && f.endMillis == endMillis && f.frameCount == frameCount && java.util.Arrays.equals(f.cluster, cluster);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence) * 31 + Long.hashCode(timecodeMillis);
  }

  @Override
  public String toString() {
    return "EncodedFragment[seq=" + sequence + ", timecode=" + timecodeMillis + ", end=" + endMillis
        + ", frames=" + frameCount + ", bytes=" + cluster.length + "]";
  }
}
