package dev.argus.parser.mkv;

import java.util.List;
import java.util.Objects;

/**
 * What {@link MkvParser} reports, in stream order. Every event carries the absolute stream offset
 * (bytes fed before it, counted from the first {@code feed}) of the element it describes, so a
 * caller that keeps the bytes it fed can slice an element out raw: e.g. a whole Cluster is
 * {@code [ClusterStart.startOffset, ClusterEnd.endOffset)}.
 *
 * <p>Order within one Segment: {@link SegmentStart}; then {@link Info}, {@link Tracks}, {@link Tags},
 * {@link Skipped} and clusters in file order; each cluster is {@link ClusterStart}, its
 * {@link Frame}s, {@link ClusterEnd}; then {@link SegmentEnd}. {@link Ebml} precedes a Segment.
 * {@link EndOfStream} is last, from {@link MkvParser#finish()}.
 */
public sealed interface MkvEvent permits MkvEvent.Ebml, MkvEvent.SegmentStart, MkvEvent.Info, MkvEvent.Tracks,
    MkvEvent.ClusterStart, Frame, MkvEvent.Tags, MkvEvent.Skipped, MkvEvent.ClusterEnd, MkvEvent.SegmentEnd,
    MkvEvent.EndOfStream {

  /** Absolute stream offset where the element starts (its ID's first byte). */
  long startOffset();

  /** Double dispatch to the visitor method for this event type. */
  void accept(MkvVisitor visitor);

  /** An EBML header element, {@code [startOffset, endOffset)}. */
  record Ebml(long startOffset, long endOffset, EbmlHeader header) implements MkvEvent {
    public Ebml {
      Objects.requireNonNull(header, "header");
    }

    @Override
    public void accept(MkvVisitor visitor) {
      visitor.ebml(this);
    }
  }

  /**
   * A Segment's header was read.
   *
   * @param dataOffset where the Segment's children start
   * @param size the Segment's data size, or -1 for unknown size (live streams, GetMedia)
   */
  record SegmentStart(long startOffset, long dataOffset, long size) implements MkvEvent {
    @Override
    public void accept(MkvVisitor visitor) {
      visitor.segmentStart(this);
    }
  }

  /** A Segment Info element, {@code [startOffset, endOffset)}. */
  record Info(long startOffset, long endOffset, SegmentInfo info) implements MkvEvent {
    public Info {
      Objects.requireNonNull(info, "info");
    }

    @Override
    public void accept(MkvVisitor visitor) {
      visitor.info(this);
    }
  }

  /** A Tracks element, {@code [startOffset, endOffset)}, with its TrackEntries in order. */
  record Tracks(long startOffset, long endOffset, List<TrackInfo> tracks) implements MkvEvent {
    public Tracks {
      tracks = List.copyOf(tracks);
    }

    @Override
    public void accept(MkvVisitor visitor) {
      visitor.tracks(this);
    }

    /** The track with this number, or null. */
    public TrackInfo track(long number) {
      for (TrackInfo track : tracks) {
        if (track.number() == number) {
          return track;
        }
      }
      return null;
    }
  }

  /**
   * A Cluster's Timecode was read (reported then, so the timecode is known; frames follow).
   *
   * @param startOffset where the Cluster element starts
   * @param dataOffset where the Cluster's children start
   * @param size the Cluster's data size, or -1 for unknown size
   * @param timecode the Cluster's Timecode in ticks
   */
  record ClusterStart(long startOffset, long dataOffset, long size, long timecode) implements MkvEvent {
    @Override
    public void accept(MkvVisitor visitor) {
      visitor.clusterStart(this);
    }
  }

  /** A Tags element, {@code [startOffset, endOffset)}, wherever it appears in a Segment. */
  record Tags(long startOffset, long endOffset, List<Tag> tags) implements MkvEvent {
    public Tags {
      tags = List.copyOf(tags);
    }

    @Override
    public void accept(MkvVisitor visitor) {
      visitor.tags(this);
    }
  }

  /**
   * A child of Segment the parser skipped by size without reading (SeekHead, Cues, Void, Chapters,
   * Attachments, CRC-32 or an unknown ID), {@code [startOffset, endOffset)}.
   */
  record Skipped(int id, long startOffset, long endOffset) implements MkvEvent {
    @Override
    public void accept(MkvVisitor visitor) {
      visitor.skipped(this);
    }
  }

  /**
   * A Cluster ended: its known size was consumed, or (unknown size) an element that cannot be
   * its child began at {@code endOffset}, or the input ended cleanly there.
   */
  record ClusterEnd(long startOffset, long endOffset) implements MkvEvent {
    @Override
    public void accept(MkvVisitor visitor) {
      visitor.clusterEnd(this);
    }
  }

  /** A Segment ended, in the same ways as {@link ClusterEnd}. */
  record SegmentEnd(long startOffset, long endOffset) implements MkvEvent {
    @Override
    public void accept(MkvVisitor visitor) {
      visitor.segmentEnd(this);
    }
  }

  /**
   * The input ended ({@link MkvParser#finish()}).
   *
   * @param startOffset total bytes fed
   * @param truncated whether the input ended inside an element (nothing of that element, nor a
   *     ClusterEnd/SegmentEnd for its open parents, was reported)
   */
  record EndOfStream(long startOffset, boolean truncated) implements MkvEvent {
    @Override
    public void accept(MkvVisitor visitor) {
      visitor.endOfStream(this);
    }
  }
}
