package dev.argus.fragmentstore.fragment;

import java.util.Objects;

/**
 * One fragment as readers get it: its metadata, the stream header its cluster goes with, and the
 * cluster element's bytes exactly as the producer sent them.
 *
 * <p>The cluster array is owned by this value; callers must not modify it.
 */
public record StoredFragment(FragmentMeta meta, StreamHeader header, byte[] cluster) {
  public StoredFragment {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(cluster, "cluster");
  }
}
