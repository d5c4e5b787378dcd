package dev.argus.fragmentstore.fragment;

import java.util.List;
import java.util.Objects;

/**
 * One fragment as readers get it: its metadata, the stream header its cluster goes with, the
 * cluster element's bytes exactly as the producer sent them, and the producer's fragment metadata
 * tags (empty when it sent none, and for fragments stored before tags were kept).
 *
 * <p>The cluster array is owned by this value; callers must not modify it.
 */
public record StoredFragment(FragmentMeta meta, StreamHeader header, byte[] cluster, List<MetadataTag> metadata) {
  public StoredFragment {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(cluster, "cluster");
    metadata = List.copyOf(metadata);
  }

  /** A fragment without metadata tags. */
  public StoredFragment(FragmentMeta meta, StreamHeader header, byte[] cluster) {
    this(meta, header, cluster, List.of());
  }
}
