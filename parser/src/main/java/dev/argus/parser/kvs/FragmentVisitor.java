package dev.argus.parser.kvs;

import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvVisitor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Groups an {@link dev.argus.parser.mkv.MkvParser}'s events into KVS fragments and attaches each
 * fragment's {@link FragmentMetadata} to its frames. Feed it as the parser's listener.
 *
 * <p>A fragment is one Cluster with the Tags around it. Tags before a Cluster belong to its
 * fragment. Tags after a Cluster without a FRAGMENT_NUMBER belong to the current fragment until
 * its trailing KVS tags (MILLIS_BEHIND_NOW, CONTINUATION_TOKEN, error code/id: what GetMedia
 * writes after a Cluster) were seen; later ones belong to the next fragment. A fragment ends at
 * the next Cluster, at a Tags element naming a new fragment number, or at its Segment's end, so
 * merged and unmerged GetMedia output give the same fragments. A
 * stream without KVS tags gets one fragment per Cluster, with {@link FragmentMetadata#NONE} plus
 * its other tags.
 *
 * <p>Not thread-safe, like the parser it listens to.
 */
public final class FragmentVisitor implements MkvVisitor {

  private final FragmentListener listener;
  /** Tag values seen since the last fragment was opened that belong to the next one. */
  private final Map<String, String> pending = new LinkedHashMap<>();
  /** The open fragment's metadata, or null between fragments. */
  private FragmentMetadata current;
  /** Whether the open fragment got its trailing KVS tags: later tags belong to the next one. */
  private boolean trailerSeen;
  private int frames;

  public FragmentVisitor(FragmentListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public void tracks(MkvEvent.Tracks event) {
    listener.onTracks(event);
  }

  @Override
  public void tags(MkvEvent.Tags event) {
    Map<String, String> values = new LinkedHashMap<>();
    for (var tag : event.tags()) {
      FragmentMetadata.flatten(tag.simpleTags(), values);
    }
    boolean trailer = closesFragment(values);
    if (current != null && !values.containsKey(KvsTags.FRAGMENT_NUMBER) && (trailer || !trailerSeen)) {
      current = current.with(values);
      trailerSeen |= trailer;
      return;
    }
    if (values.containsKey(KvsTags.FRAGMENT_NUMBER)) {
      endFragment();
    }
    pending.putAll(values);
  }

  @Override
  public void clusterStart(MkvEvent.ClusterStart event) {
    endFragment();
    current = FragmentMetadata.NONE.with(pending);
    trailerSeen = false;
    pending.clear();
    frames = 0;
  }

  @Override
  public void frame(Frame frame) {
    frames++;
    listener.onFrame(frame, current == null ? FragmentMetadata.NONE : current);
  }

  @Override
  public void segmentEnd(MkvEvent.SegmentEnd event) {
    endFragment();
    flushPending();
  }

  @Override
  public void endOfStream(MkvEvent.EndOfStream event) {
    endFragment();
    flushPending();
    listener.onEndOfStream(event);
  }

  /** Whether tags are the ones KVS writes after a fragment's Cluster. */
  private static boolean closesFragment(Map<String, String> values) {
    return !values.containsKey(KvsTags.FRAGMENT_NUMBER) && (values.containsKey(KvsTags.MILLIS_BEHIND_NOW)
        || values.containsKey(KvsTags.CONTINUATION_TOKEN) || values.containsKey(KvsTags.ERROR_CODE)
        || values.containsKey(KvsTags.ERROR_ID));
  }

  private void endFragment() {
    if (current != null) {
      FragmentMetadata done = current;
      current = null;
      listener.onFragmentEnd(done, frames);
    }
  }

  /** Tags naming a fragment that never got a Cluster still make a (frameless) fragment. */
  private void flushPending() {
    if (pending.containsKey(KvsTags.FRAGMENT_NUMBER)) {
      listener.onFragmentEnd(FragmentMetadata.NONE.with(pending), 0);
    }
    pending.clear();
  }
}
