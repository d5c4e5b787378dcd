package dev.argus.parser.kvs;

import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;

/**
 * Receives frames with the metadata of the fragment they belong to, from a {@link FragmentVisitor}.
 * Called on the parser's thread; the same buffer lifetime as {@link Frame} applies.
 */
public interface FragmentListener {

  /** A Segment's Tracks (before its frames). */
  default void onTracks(MkvEvent.Tracks tracks) {
  }

  /**
   * One frame. {@code fragment} holds the tags read before the frame's Cluster (GetMedia: number
   * and timestamps); tags that come after the Cluster reach {@link #onFragmentEnd} only.
   */
  void onFrame(Frame frame, FragmentMetadata fragment);

  /**
   * A fragment ended, with all its tags (also those after its Cluster). Fragments are reported in
   * stream order; a Segment whose tags name a fragment but that has no Cluster is one too.
   *
   * @param frames how many frames the fragment had
   */
  default void onFragmentEnd(FragmentMetadata fragment, int frames) {
  }

  /** The input ended. */
  default void onEndOfStream(MkvEvent.EndOfStream end) {
  }
}
