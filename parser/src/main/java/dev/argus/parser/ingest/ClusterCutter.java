package dev.argus.parser.ingest;

import dev.argus.parser.ebml.Vint;
import dev.argus.parser.mkv.EbmlHeader;
import dev.argus.parser.mkv.ElementTooLargeException;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.HeldBytes;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvIds;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.MkvVisitor;
import dev.argus.parser.mkv.ParserLimits;
import dev.argus.parser.mkv.SegmentInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a live MKV stream (a PutMedia body) into what a fragment store keeps: each Segment's
 * {@link StreamHeader} and each whole Cluster's raw bytes as {@link ClusterData}, plus the Tags.
 * Feed it the body in any chunking.
 *
 * <p>Reported, in stream order: a Segment's header when its Tracks were read (Info must come
 * before Tracks, as every KVS producer writes it, or the default Info is assumed); each Tags
 * element; each Cluster when it ended. A Cluster the input stops inside is not reported; the
 * end reports the truncation.
 *
 * <p><b>Memory.</b> Input bytes are held only from the start of the unfinished header or Cluster,
 * at most {@code maxHeldBytes} (a whole Cluster: KVS caps a fragment at 50 MB); past it,
 * {@link ElementTooLargeException}. Parser limits apply as well.
 *
 * <p>Not thread-safe.
 */
public final class ClusterCutter {

  /** 64 MiB: one KVS fragment (at most 50 MB) with room to spare. */
  public static final int DEFAULT_MAX_HELD_BYTES = 64 << 20;

  /** What a cutter reports; called on the feeding thread. */
  public interface Listener {

    /** A Segment's header. */
    void onHeader(StreamHeader header);

    /** One whole Cluster. */
    void onCluster(ClusterData cluster);

    /** A Tags element (KVS producers may send fragment tags before or after a Cluster). */
    default void onTags(MkvEvent.Tags tags) {
    }
  }

  private final Listener listener;
  private final MkvParser parser;
  private final Cut cut = new Cut();
  /** Input bytes from the start of the unfinished header or Cluster on. */
  private final HeldBytes held;

  public ClusterCutter(Listener listener) {
    this(listener, ParserLimits.DEFAULT, DEFAULT_MAX_HELD_BYTES);
  }

  public ClusterCutter(Listener listener, ParserLimits limits, int maxHeldBytes) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.parser = new MkvParser(cut, limits);
    this.held = new HeldBytes(maxHeldBytes, MkvIds.CLUSTER);
  }

  /** Bytes consumed so far. */
  public long position() {
    return parser.position();
  }

  /**
   * Consumes {@code input}, reporting what it completes.
   *
   * @throws dev.argus.parser.mkv.MkvException on malformed input or a Cluster over the limit
   */
  public void feed(ByteBuffer input) {
    while (input.hasRemaining()) {
      ByteBuffer slice = input.slice(input.position(), Math.min(input.remaining(), 256 * 1024));
      input.position(input.position() + slice.remaining());
      held.append(slice.duplicate());
      parser.feed(slice);
      held.release(cut.keepFrom());
    }
  }

  /** Ends the input; returns the parser's last event (truncated when a Cluster or element was cut off). */
  public MkvEvent.EndOfStream finish() {
    return parser.finish();
  }

  /** Decides what to keep from the parser's events. */
  private final class Cut implements MkvVisitor {
    private MkvEvent.Ebml ebml;
    private MkvEvent.SegmentStart segment;
    private MkvEvent.Info info;
    private long headerFrom = -1;
    private long clusterFrom = -1;
    private long clusterTimecode;
    private long timecodeScale = SegmentInfo.DEFAULT_TIMECODE_SCALE;
    private final List<ClusterData.FrameInfo> frames = new ArrayList<>();
    /** Where the last reported element ended: an element still being read starts at or after it. */
    private long boundary;

    /** The first input offset still needed. */
    long keepFrom() {
      if (headerFrom >= 0) {
        return headerFrom;
      }
      return clusterFrom >= 0 ? clusterFrom : boundary;
    }

    @Override
    public void onEvent(MkvEvent event) {
      event.accept(this);
      // An unknown-size Segment or Cluster ends when the next element's header was read: that
      // element starts at the end offset, before the parser's position.
      if (event instanceof MkvEvent.SegmentEnd end) {
        boundary = end.endOffset();
      } else if (event instanceof MkvEvent.ClusterEnd end) {
        boundary = end.endOffset();
      } else {
        boundary = parser.position();
      }
    }

    @Override
    public void ebml(MkvEvent.Ebml event) {
      ebml = event;
      headerFrom = event.startOffset();
    }

    @Override
    public void segmentStart(MkvEvent.SegmentStart event) {
      segment = event;
      info = null;
      timecodeScale = SegmentInfo.DEFAULT_TIMECODE_SCALE;
      if (ebml == null || ebml.endOffset() != event.startOffset()) {
        ebml = null;
      }
      if (headerFrom < 0) {
        headerFrom = event.startOffset();
      }
    }

    @Override
    public void info(MkvEvent.Info event) {
      info = event;
      timecodeScale = event.info().timecodeScale();
    }

    @Override
    public void tracks(MkvEvent.Tracks event) {
      if (headerFrom < 0) {
        return; // A second Tracks in one Segment: the header was already reported.
      }
      ByteBuffer out = ByteBuffer.allocate((int) (12 + (ebml == null ? 0 : ebml.endOffset() - ebml.startOffset())
          + (info == null ? 0 : info.endOffset() - info.startOffset()) + event.endOffset() - event.startOffset()));
      if (ebml != null) {
        out.put(held.copy(ebml.startOffset(), ebml.endOffset()));
      }
      Vint.putId(out, MkvIds.SEGMENT);
      Vint.putUnknownSize(out, Vint.MAX_SIZE_LENGTH);
      if (info != null) {
        out.put(held.copy(info.startOffset(), info.endOffset()));
      }
      out.put(held.copy(event.startOffset(), event.endOffset()));
      listener.onHeader(new StreamHeader(ebml == null ? segment.startOffset() : ebml.startOffset(),
          ebml == null ? EbmlHeader.MATROSKA : ebml.header(),
          info == null ? SegmentInfo.live("") : info.info(), event.tracks(), out.array()));
      headerFrom = -1;
    }

    @Override
    public void tags(MkvEvent.Tags event) {
      listener.onTags(event);
    }

    @Override
    public void clusterStart(MkvEvent.ClusterStart event) {
      clusterFrom = event.startOffset();
      clusterTimecode = event.timecode();
      frames.clear();
    }

    @Override
    public void frame(Frame frame) {
      frames.add(new ClusterData.FrameInfo(frame.trackNumber(), frame.timecode(), frame.keyFrame(), frame.size()));
    }

    @Override
    public void clusterEnd(MkvEvent.ClusterEnd event) {
      listener.onCluster(new ClusterData(event.startOffset(), clusterTimecode, timecodeScale,
          held.copy(event.startOffset(), event.endOffset()), frames));
      clusterFrom = -1;
      frames.clear();
    }

    @Override
    public void segmentEnd(MkvEvent.SegmentEnd event) {
      headerFrom = -1;
      ebml = null;
    }
  }
}
