package dev.argus.fragmentstore.fragment;

import java.util.List;
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
 * @param metadata the producer's fragment metadata, in the order sent; at most
 *     {@link #MAX_METADATA_TAGS}
 */
public record FragmentDraft(long producerMillis, int durationMillis, int frameCount, long headerVersion,
    byte[] cluster, List<MetadataTag> metadata) {
  /** Most metadata tags on one fragment (the producer SDK's and Kinesis Video's limit). */
  public static final int MAX_METADATA_TAGS = 10;

  public FragmentDraft {
    Objects.requireNonNull(cluster, "cluster");
    metadata = List.copyOf(metadata);
    if (durationMillis < 0 || frameCount < 0 || headerVersion < 0) {
      throw new IllegalArgumentException("negative duration, frame count or header version");
    }
    if (metadata.size() > MAX_METADATA_TAGS) {
      throw new IllegalArgumentException(metadata.size() + " metadata tags; at most " + MAX_METADATA_TAGS);
    }
  }

  /** A draft without metadata. */
  public FragmentDraft(long producerMillis, int durationMillis, int frameCount, long headerVersion, byte[] cluster) {
    this(producerMillis, durationMillis, frameCount, headerVersion, cluster, List.of());
  }

  /** The metadata this draft gets under a fragment number. */
  public FragmentMeta metaAt(FragmentNumber number) {
    return new FragmentMeta(number, producerMillis, durationMillis, cluster.length, frameCount, headerVersion);
  }
}
