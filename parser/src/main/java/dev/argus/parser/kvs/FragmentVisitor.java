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
 * <p>A fragment is one Cluster with the Tags around it: Tags before a Cluster start the next
 * fragment's metadata; Tags after a Cluster that carry no AWS_KINESISVIDEO_FRAGMENT_NUMBER
 * (GetMedia's MILLIS_BEHIND_NOW and CONTINUATION_TOKEN) complete the current one. A fragment ends
 * at the next Cluster, at a Tags element naming a new fragment number, or at its Segment's end. A
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
    if (current != null && !values.containsKey(KvsTags.FRAGMENT_NUMBER)) {
      current = current.with(values);
      return;
    }
    endFragment();
    pending.putAll(values);
  }

  @Override
  public void clusterStart(MkvEvent.ClusterStart event) {
    endFragment();
    current = FragmentMetadata.NONE.with(pending);
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
