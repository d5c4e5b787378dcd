package dev.argus.parser.mkv;

/**
 * A listener with one method per event type; each does nothing unless overridden. Dispatch is by
 * {@link MkvEvent#accept}, so no instanceof chain runs per frame.
 */
public interface MkvVisitor extends MkvListener {

  @Override
  default void onEvent(MkvEvent event) {
    event.accept(this);
  }

  default void ebml(MkvEvent.Ebml event) {
  }

  default void segmentStart(MkvEvent.SegmentStart event) {
  }

  default void info(MkvEvent.Info event) {
  }

  default void tracks(MkvEvent.Tracks event) {
  }

  default void clusterStart(MkvEvent.ClusterStart event) {
  }

  default void frame(Frame frame) {
  }

  default void tags(MkvEvent.Tags event) {
  }

  default void skipped(MkvEvent.Skipped event) {
  }

  default void clusterEnd(MkvEvent.ClusterEnd event) {
  }

  default void segmentEnd(MkvEvent.SegmentEnd event) {
  }

  default void endOfStream(MkvEvent.EndOfStream event) {
  }
}
