package dev.argus.parser.merge;

import dev.argus.parser.ebml.EbmlIds;
import dev.argus.parser.ebml.Vint;
import dev.argus.parser.mkv.EbmlHeader;
import dev.argus.parser.mkv.ElementTooLargeException;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.HeldBytes;
import dev.argus.parser.mkv.MalformedMkvException;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvIds;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.MkvVisitor;
import dev.argus.parser.mkv.ParserLimits;
import dev.argus.parser.mkv.SegmentInfo;
import dev.argus.parser.mkv.TrackInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Joins consecutive Segments that have the same EBML header, TimecodeScale and Tracks (GetMedia
 * output: one Segment per fragment) into one Segment, streaming: bytes in any chunking, out as
 * soon as they are decided.
 *
 * <p><b>Output.</b> The first Segment is copied as it is, except that a known Segment size becomes
 * unknown. Of each later Segment that matches the Segment before it, the header region is dropped:
 * the EBML header, the Segment header and every element before its first Cluster or its first
 * Tags after Tracks (SeekHead, Void, Info, Tracks, Tags before Tracks); its Tags, Clusters, Cues
 * and the rest are copied. A Segment that does not match starts
 * a new output Segment, copied whole. Within a merged Segment the timeline is made continuous:
 * each merged Segment's Clusters are shifted so that its first Cluster starts one frame duration
 * (the first video track's DefaultDuration, else the last gap between blocks) after the last block
 * before it. A shifted Cluster's Timecode is rewritten, and its CRC-32 element, which no longer
 * holds, is replaced by a Void of the same size. Block data are never touched.
 *
 * <p><b>Memory.</b> Bytes are held only while undecided: a Segment's header elements until its
 * first Tags or Cluster, a Cluster's head until its Timecode, one block or Segment-level element
 * in progress. All of it is bounded by {@link #DEFAULT_MAX_HELD_BYTES} (past it:
 * {@link ElementTooLargeException}) and the parser's {@link ParserLimits}.
 *
 * <p>Not thread-safe.
 */
public final class SegmentMerger {

  /** Most undecided bytes held at once: 32 MiB, above a header region plus one largest frame. */
  public static final int DEFAULT_MAX_HELD_BYTES = 32 << 20;

  private static final int FEED_SLICE = 256 * 1024;

  private final OutputStream out;
  private final MkvParser parser;
  private final Merge merge = new Merge();
  /** Input not yet written or dropped; everything before {@code held.from()} is decided. */
  private final HeldBytes held;

  private int segmentsIn;
  private int segmentsOut;

  public SegmentMerger(OutputStream out) {
    this(out, ParserLimits.DEFAULT, DEFAULT_MAX_HELD_BYTES, true);
  }

  /** @param verifyCrc whether the input's CRC-32 elements are checked */
  public SegmentMerger(OutputStream out, ParserLimits limits, int maxHeldBytes, boolean verifyCrc) {
    this.out = Objects.requireNonNull(out, "out");
    this.parser = new MkvParser(merge, limits, verifyCrc);
    this.held = new HeldBytes(maxHeldBytes, MkvIds.SEGMENT);
  }

  /** What a merge did. */
  public record Result(int segmentsIn, int segmentsOut, boolean truncated) {
  }

  /**
   * Consumes {@code input}, writing whatever became decided.
   *
   * @throws dev.argus.parser.mkv.MkvException on malformed input or too many undecided bytes
   * @throws UncheckedIOException when the output fails
   */
  public void feed(ByteBuffer input) {
    while (input.hasRemaining()) {
      // At most one slice is held beyond the undecided bytes.
      ByteBuffer slice = input.slice(input.position(), Math.min(input.remaining(), FEED_SLICE));
      input.position(input.position() + slice.remaining());
      held.append(slice.duplicate());
      parser.feed(slice);
      if (merge.mode == Mode.BODY && merge.inCluster) {
        writeUpTo(parser.position());
      }
    }
  }

  /** Ends the input; writes everything still held (a truncated tail is copied as it is). */
  public Result finish() {
    MkvEvent.EndOfStream end = parser.finish();
    if (merge.mode == Mode.HEADER) {
      merge.decide(parser.position());
    }
    writeUpTo(held.end());
    flush();
    return new Result(segmentsIn, segmentsOut, end.truncated());
  }

  private void writeUpTo(long offset) {
    ByteBuffer decided = held.view(held.from(), offset);
    write(decided.array(), decided.arrayOffset(), decided.remaining());
    dropUpTo(offset);
  }

  /** Forgets held bytes before {@code offset}, which must be within them. */
  private void dropUpTo(long offset) {
    held.view(held.from(), offset); // throws when the offset is outside the held bytes
    held.release(offset);
  }

  private void write(byte[] bytes, int from, int length) {
    try {
      out.write(bytes, from, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private enum Mode { BODY, HEADER }

  /** The merge decisions, driven by the parser's events. */
  private final class Merge implements MkvVisitor {
    Mode mode = Mode.BODY;
    boolean inCluster;
    /** Whether an output Segment is open (something to merge into). */
    boolean outputOpen;
    EbmlHeader previousEbml;
    EbmlHeader ebml;
    long previousScale;
    long scale;
    List<TrackInfo> previousTracks;
    List<TrackInfo> tracks;
    boolean tracksSeen;
    MkvEvent.SegmentStart segment;
    /** Whether the current input Segment is merged into the open output Segment. */
    boolean merged;
    boolean shiftPending;
    /** Ticks added to the current Segment's Cluster Timecodes. */
    long shift;
    long lastBlockTimecode = Long.MIN_VALUE;
    long lastGap = 1;

    @Override
    public void ebml(MkvEvent.Ebml event) {
      startHeader(event.startOffset());
      ebml = event.header();
    }

    @Override
    public void segmentStart(MkvEvent.SegmentStart event) {
      if (mode != Mode.HEADER) {
        startHeader(event.startOffset());
        ebml = null;
      }
      segment = event;
      segmentsIn++;
      scale = SegmentInfo.DEFAULT_TIMECODE_SCALE;
      tracks = List.of();
      tracksSeen = false;
    }

    private void startHeader(long start) {
      writeUpTo(start);
      mode = Mode.HEADER;
    }

    @Override
    public void info(MkvEvent.Info event) {
      scale = event.info().timecodeScale();
    }

    @Override
    public void tracks(MkvEvent.Tracks event) {
      tracks = event.tracks();
      tracksSeen = true;
    }

    @Override
    public void tags(MkvEvent.Tags event) {
      if (mode == Mode.HEADER) {
        if (!tracksSeen) {
          return; // Tags before Tracks are part of the header region.
        }
        decide(event.startOffset());
      }
      writeUpTo(event.endOffset());
    }

    @Override
    public void skipped(MkvEvent.Skipped event) {
      if (mode == Mode.BODY) {
        writeUpTo(event.endOffset());
      }
    }

    @Override
    public void clusterStart(MkvEvent.ClusterStart event) {
      if (mode == Mode.HEADER) {
        decide(event.startOffset());
      }
      writeUpTo(event.startOffset());
      inCluster = true;
      if (shiftPending) {
        shiftPending = false;
        shift = lastBlockTimecode == Long.MIN_VALUE ? 0 : lastBlockTimecode + frameTicks() - event.timecode();
      }
      if (shift == 0) {
        writeUpTo(parser.position());
      } else {
        writeShiftedClusterHead(event, event.timecode() + shift);
      }
    }

    @Override
    public void frame(Frame frame) {
      lastGap = lastBlockTimecode == Long.MIN_VALUE ? lastGap : Math.max(1, frame.timecode() + shift - lastBlockTimecode);
      lastBlockTimecode = frame.timecode() + shift;
      writeUpTo(frame.endOffset());
    }

    @Override
    public void clusterEnd(MkvEvent.ClusterEnd event) {
      inCluster = false;
      writeUpTo(event.endOffset());
    }

    @Override
    public void segmentEnd(MkvEvent.SegmentEnd event) {
      if (mode == Mode.HEADER) {
        decide(event.endOffset());
      }
    }

    /** Ends a Segment's header region at {@code end}: drops it when the Segment merges, else writes it. */
    void decide(long end) {
      mode = Mode.BODY;
      merged = outputOpen && Objects.equals(ebml, previousEbml) && scale == previousScale
          && tracks.equals(previousTracks);
      previousEbml = ebml;
      previousScale = scale;
      previousTracks = tracks;
      if (merged) {
        dropUpTo(end);
        shiftPending = true;
        return;
      }
      outputOpen = true;
      segmentsOut++;
      shift = 0;
      shiftPending = false;
      lastBlockTimecode = Long.MIN_VALUE;
      if (segment != null && segment.size() >= 0) {
        // The Segment will grow past its stated size: make it unknown.
        writeUpTo(segment.startOffset());
        ByteBuffer header = ByteBuffer.allocate(12);
        Vint.putId(header, MkvIds.SEGMENT);
        Vint.putUnknownSize(header, Vint.MAX_SIZE_LENGTH);
        write(header.array(), 0, header.position());
        dropUpTo(segment.dataOffset());
      }
      writeUpTo(end);
    }

    private long frameTicks() {
      for (TrackInfo track : tracks) {
        if (track.isVideo() && track.defaultDurationNanos() > 0) {
          return Math.max(1, Math.round((double) track.defaultDurationNanos() / scale));
        }
      }
      return lastGap;
    }

    /**
     * Writes the held Cluster head {@code [cluster start, position)} with a new Timecode, a leading
     * CRC-32 turned into a Void, and the Cluster size adjusted if the Timecode's length changed.
     */
    private void writeShiftedClusterHead(MkvEvent.ClusterStart event, long timecode) {
      if (timecode < 0) {
        throw new MalformedMkvException("merged Cluster Timecode would be negative", event.startOffset());
      }
      ByteBuffer head = held.view(held.from(), parser.position());
      int headerLength = (int) (event.dataOffset() - event.startOffset());
      ByteBuffer children = ByteBuffer.allocate(head.limit() - headerLength + 16);
      int p = headerLength;
      while (p < head.limit()) {
        int idLength = Vint.length(head.get(p));
        int id = Vint.readId(head, p, idLength);
        int sizeLength = Vint.length(head.get(p + idLength));
        int size = (int) Vint.readSize(head, p + idLength, sizeLength);
        int length = idLength + sizeLength + size;
        if (id == MkvIds.TIMECODE) {
          putTimecode(children, timecode, size);
        } else if (id == EbmlIds.CRC32) {
          children.put((byte) EbmlIds.VOID);
          Vint.putSize(children, length - 1 - sizeLength, sizeLength);
          children.put(new byte[length - 1 - sizeLength]);
        } else {
          children.put(head.array(), head.arrayOffset() + p, length);
        }
        p += length;
      }
      int delta = children.position() - (head.limit() - headerLength);
      ByteBuffer header = ByteBuffer.allocate(12);
      Vint.putId(header, MkvIds.CLUSTER);
      int sizeLength = headerLength - Vint.idLength(MkvIds.CLUSTER);
      if (event.size() < 0) {
        Vint.putUnknownSize(header, sizeLength);
      } else {
        long size = event.size() + delta;
        Vint.putSize(header, size, Math.max(sizeLength, Vint.sizeLength(size)));
      }
      write(header.array(), 0, header.position());
      write(children.array(), 0, children.position());
      dropUpTo(parser.position());
    }

    private void putTimecode(ByteBuffer into, long timecode, int oldLength) {
      int length = 1;
      while (length < 8 && (timecode >>> (8 * length)) != 0) {
        length++;
      }
      length = Math.max(length, Math.min(oldLength, 8));
      into.put((byte) MkvIds.TIMECODE);
      Vint.putSize(into, length, 1);
      for (int i = length - 1; i >= 0; i--) {
        into.put((byte) (timecode >>> (8 * i)));
      }
    }
  }
}
