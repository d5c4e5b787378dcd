package dev.argus.fragmentstore.fragment;

import java.util.Objects;

/**
 * One fragment metadata tag, as a Kinesis Video producer attaches it to a fragment
 * ({@code putKinesisVideoFragmentMetadata} in the producer SDK): an MKV SimpleTag's TagName and
 * TagString, sent in a Tags element before the fragment's Cluster. Stored with the fragment and
 * given back to readers in the Tags element before its Cluster.
 *
 * <p>Limits (the producer SDK's): a name of 1 to {@link #MAX_NAME_CHARS} chars, a value of at most
 * {@link #MAX_VALUE_CHARS}; a fragment carries at most {@link FragmentDraft#MAX_METADATA_TAGS}.
 * The reserved {@code AWS} prefix is PutMedia's rule, not this value's.
 */
public record MetadataTag(String name, String value) {
  public static final int MAX_NAME_CHARS = 128;
  public static final int MAX_VALUE_CHARS = 256;

  public MetadataTag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty() || name.length() > MAX_NAME_CHARS || value.length() > MAX_VALUE_CHARS) {
      throw new IllegalArgumentException("metadata name of " + name.length() + " chars or value of "
          + value.length() + " chars is out of bounds");
    }
  }
}
