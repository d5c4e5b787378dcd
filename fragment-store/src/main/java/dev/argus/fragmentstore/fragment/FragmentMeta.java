package dev.argus.fragmentstore.fragment;

import java.util.Objects;

/**
 * What the store knows about one fragment besides its media bytes: ListFragments' Fragment plus
 * what the readers need.
 *
 * @param number its fragment number (server time, stream epoch and log offset)
 * @param producerMillis the producer timestamp: the cluster's absolute timecode, epoch milliseconds
 * @param durationMillis from the cluster's timecode to its last frame's, milliseconds
 * @param sizeBytes the size of the stored cluster element
 * @param frameCount blocks in the cluster
 * @param headerVersion the version of the stream header the cluster's tracks refer to
 */
public record FragmentMeta(FragmentNumber number, long producerMillis, int durationMillis, int sizeBytes,
    int frameCount, long headerVersion) {

  public FragmentMeta {
    Objects.requireNonNull(number, "number");
    if (durationMillis < 0 || sizeBytes < 0 || frameCount < 0 || headerVersion < 0) {
      throw new IllegalArgumentException("negative duration, size, frame count or header version");
    }
  }

  public long offset() {
    return number.offset();
  }

  public long serverMillis() {
    return number.serverMillis();
  }

  /** The producer time of the fragment's last frame. */
  public long lastFrameMillis() {
    return producerMillis + durationMillis;
  }
}
