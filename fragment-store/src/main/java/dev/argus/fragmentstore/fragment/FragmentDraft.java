package dev.argus.fragmentstore.fragment;

import java.util.Objects;

/**
 * A complete, validated fragment on its way into the store: everything but what the store adds
 * (server time and offset, and so the fragment number).
 *
 * @param producerMillis the cluster's absolute timecode, epoch milliseconds
 * @param durationMillis from the cluster's timecode to its last frame's
 * @param frameCount blocks in the cluster
 * @param headerVersion the stored header the cluster's tracks refer to
 * @param cluster the whole cluster element (owned by the draft from here on)
 */
public record FragmentDraft(long producerMillis, int durationMillis, int frameCount, long headerVersion,
    byte[] cluster) {
  public FragmentDraft {
    Objects.requireNonNull(cluster, "cluster");
    if (durationMillis < 0 || frameCount < 0 || headerVersion < 0) {
      throw new IllegalArgumentException("negative duration, frame count or header version");
    }
  }

  /** The metadata this draft gets under a fragment number. */
  public FragmentMeta metaAt(FragmentNumber number) {
    return new FragmentMeta(number, producerMillis, durationMillis, cluster.length, frameCount, headerVersion);
  }
}
