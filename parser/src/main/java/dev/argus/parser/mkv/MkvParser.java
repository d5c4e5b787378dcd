package dev.argus.parser.mkv;

import dev.argus.parser.ebml.EbmlIds;
import dev.argus.parser.ebml.Vint;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An incremental push parser for Matroska/WebM as Kinesis Video Streams uses it: feed it bytes in
 * any chunking and it reports {@link MkvEvent}s to its listener as soon as each is complete. The
 * events (offsets and content included) do not depend on how the input was chunked.
 *
 * <p><b>What it reads.</b> One or more concatenated EBML header + Segment pairs (GetMedia output);
 * Segments and Clusters of known or unknown size; Info, Tracks, Tags (anywhere in a Segment, also
 * after Clusters); SimpleBlock and BlockGroup/Block (+ReferenceBlock), with Xiph, EBML or fixed
 * lacing. Cues, SeekHead, Void, Chapters, Attachments and unknown elements are skipped by size
 * without being buffered. A CRC-32 element is verified: in EBML header, Info, Tracks, TrackEntry
 * and Tags when they are read, and in a known-size Cluster over all its bytes, at the Cluster's end
 * (after its frames were reported). An unknown-size Cluster ends at the first Segment-level or
 * top-level ID; an unknown-size Segment at the next EBML header or Segment.
 *
 * <p><b>Memory.</b> Only metadata elements and single blocks are held whole, within
 * {@link ParserLimits}; everything else streams through. A block that arrives whole inside one
 * {@code feed} buffer is not copied at all.
 *
 * <p><b>Buffer lifetime.</b> {@link #feed} consumes every remaining byte of its argument (position
 * = limit on return) and keeps no reference to it after it returns. A {@link Frame}'s data is
 * valid only during the listener call that delivers it.
 *
 * <p><b>Errors.</b> Malformed input throws a {@link MkvException} subclass from {@code feed} or
 * {@code finish}; the parser is then failed and rethrows the same exception on every later call.
 * A Cluster or block timecode whose nanoseconds overflow a long is a
 * {@link TimecodeOverflowException}, thrown before its event.
 * Input that simply ends early is not an error: {@link #finish()} reports it as
 * {@link MkvEvent.EndOfStream#truncated()}, after every complete frame before it was reported.
 *
 * <p>Not thread-safe: one instance per stream, fed by one thread at a time.
 */
public final class MkvParser {

  private enum State { HEADER, BODY, SKIP, FAILED, FINISHED }

  private enum Body { EBML, INFO, TRACKS, TAGS, TIMECODE, SIMPLE_BLOCK, BLOCK_GROUP, CLUSTER_CRC }

  private final MkvListener listener;
  private final ParserLimits limits;
  private final BlockReader blocks;
  private final boolean verifyCrc;
  /** Where the current block sits; reused for every block. */
  private final BlockReader.Context blockContext = new BlockReader.Context();

  private State state = State.HEADER;
  /** Absolute stream offset of the next byte to consume. */
  private long position;

  /** An element header split across feeds, byte by byte; {@code headerLength == 0} when none. */
  private final byte[] header = new byte[Vint.MAX_ID_LENGTH + Vint.MAX_SIZE_LENGTH];
  private final ByteBuffer headerView = ByteBuffer.wrap(header);
  private int headerLength;

  /** The current element: ID, start, data start, data size (-1 unknown). */
  private int id;
  private long elementStart;
  private long dataStart;
  private long size;
  /** What the held body is, while in BODY. */
  private Body body;
  /** Whether a skipped element is reported as {@link MkvEvent.Skipped}. */
  private boolean reportSkip;
  private long skipRemaining;

  /** A body split across feeds; grows up to the limit that applies to it. */
  private byte[] bodyBytes = new byte[0];
  private ByteBuffer bodyView = ByteBuffer.wrap(bodyBytes);
  private int bodyLength;

  private long timecodeScale = SegmentInfo.DEFAULT_TIMECODE_SCALE;
  /** The open Segment and Cluster. */
  private final Containers containers;

  private MkvException failure;

  /** A parser with {@link ParserLimits#DEFAULT}. */
  public MkvParser(MkvListener listener) {
    this(listener, ParserLimits.DEFAULT);
  }

  /** A parser that verifies CRC-32 elements. */
  public MkvParser(MkvListener listener, ParserLimits limits) {
    this(listener, limits, true);
  }

  /**
   * @param verifyCrc whether CRC-32 elements are checked; false reads files whose CRCs went stale
   *     when a tool rewrote the data without recomputing them (the KVS parser library's segment
   *     merger does that to Cluster Timecodes)
   */
  public MkvParser(MkvListener listener, ParserLimits limits, boolean verifyCrc) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.blocks = new BlockReader(limits);
    this.verifyCrc = verifyCrc;
    this.containers = new Containers(listener);
  }

  /**
   * Parses a whole input at once: {@link #feed} then {@link #finish}.
   *
   * @return the final event, telling whether the input was truncated
   */
  public static MkvEvent.EndOfStream parse(ByteBuffer input, MkvListener listener) {
    MkvParser parser = new MkvParser(listener);
    parser.feed(input);
    return parser.finish();
  }

  /**
   * Bytes consumed so far: the offset the next fed byte will have. During a listener call it is
   * the end of the element being reported (for {@link MkvEvent.ClusterStart}: the end of the
   * Cluster's Timecode element; for {@link MkvEvent.SegmentStart}: its data offset).
   */
  public long position() {
    return position;
  }

  /**
   * Consumes all of {@code input}, reporting every event it completes.
   *
   * @throws MkvException on malformed input (the parser is failed from then on)
   * @throws IllegalStateException after {@link #finish()}
   */
  public void feed(ByteBuffer input) {
    checkUsable();
    try {
      while (input.hasRemaining()) {
        switch (state) {
          case HEADER -> readHeader(input);
          case BODY -> readBody(input);
          case SKIP -> skip(input);
          default -> throw new IllegalStateException(state.name());
        }
      }
    } catch (MkvException e) {
      state = State.FAILED;
      failure = e;
      throw e;
    }
  }

  /**
   * Ends the input: closes open unknown-size Clusters and Segments and reports
   * {@link MkvEvent.EndOfStream}, truncated when the input stopped inside an element or inside a
   * known-size Segment or Cluster.
   */
  public MkvEvent.EndOfStream finish() {
    checkUsable();
    try {
      boolean truncated = state != State.HEADER || headerLength > 0 || containers.closeAtEnd(position);
      state = State.FINISHED;
      MkvEvent.EndOfStream end = new MkvEvent.EndOfStream(position, truncated);
      listener.onEvent(end);
      return end;
    } catch (MkvException e) {
      state = State.FAILED;
      failure = e;
      throw e;
    }
  }

  /** {@link #finish()}, then throws {@link TruncatedInputException} if the input was truncated. */
  public MkvEvent.EndOfStream finishComplete() {
    MkvEvent.EndOfStream end = finish();
    if (end.truncated()) {
      throw new TruncatedInputException(end.startOffset());
    }
    return end;
  }

  private void checkUsable() {
    if (state == State.FAILED) {
      throw failure;
    }
    if (state == State.FINISHED) {
      throw new IllegalStateException("parser already finished");
    }
  }

  private void readHeader(ByteBuffer in) {
    if (headerLength == 0 && in.remaining() >= 2) {
      int p = in.position();
      int idLength = idLength(in.get(p), position);
      if (in.remaining() > idLength) {
        int sizeLength = sizeLength(in.get(p + idLength), position);
        if (in.remaining() >= idLength + sizeLength) {
          elementStart = position;
          int elementId = Vint.readId(in, p, idLength);
          long elementSize = Vint.readSize(in, p + idLength, sizeLength);
          consume(in, idLength + sizeLength);
          onHeader(elementId, elementSize);
          return;
        }
      }
    }
    if (headerLength == 0) {
      elementStart = position;
    }
    header[headerLength++] = in.get(in.position());
    consume(in, 1);
    int idLength = idLength(header[0], elementStart);
    if (headerLength > idLength) {
      int sizeLength = sizeLength(header[idLength], elementStart);
      if (headerLength == idLength + sizeLength) {
        headerLength = 0;
        onHeader(Vint.readId(headerView, 0, idLength), Vint.readSize(headerView, idLength, sizeLength));
      }
    }
  }

  private static int idLength(byte first, long offset) {
    int length = Vint.length(first);
    if (length == 0 || length > Vint.MAX_ID_LENGTH) {
      throw new MalformedMkvException(String.format("bad element ID byte 0x%02X", first & 0xFF), offset);
    }
    return length;
  }

  private static int sizeLength(byte first, long offset) {
    int length = Vint.length(first);
    if (length == 0) {
      throw new MalformedMkvException("element size longer than 8 bytes", offset);
    }
    return length;
  }

  private void onHeader(int elementId, long elementSize) {
    id = elementId;
    size = elementSize;
    dataStart = position;
    containers.beforeElement(elementId, elementStart);
    containers.checkBounds(elementId, elementStart, dataStart, elementSize);
    if (containers.inCluster) {
      clusterChild();
    } else if (containers.inSegment) {
      segmentChild();
    } else {
      topLevel();
    }
  }

  private void topLevel() {
    switch (id) {
      case EbmlIds.EBML -> hold(Body.EBML, limits.maxElementBytes());
      case MkvIds.SEGMENT -> openSegment();
      case EbmlIds.VOID, EbmlIds.CRC32 -> skip(false);
      default -> throw new MalformedMkvException(String.format("unexpected top-level element 0x%X", id), elementStart);
    }
  }

  private void segmentChild() {
    switch (id) {
      case MkvIds.INFO -> hold(Body.INFO, limits.maxElementBytes());
      case MkvIds.TRACKS -> hold(Body.TRACKS, limits.maxElementBytes());
      case MkvIds.TAGS -> hold(Body.TAGS, limits.maxElementBytes());
      case MkvIds.CLUSTER -> openCluster();
      default -> skip(true);
    }
  }

  private void clusterChild() {
    switch (id) {
      case MkvIds.TIMECODE -> hold(Body.TIMECODE, 8);
      case MkvIds.SIMPLE_BLOCK -> hold(Body.SIMPLE_BLOCK, limits.maxFrameBytes());
      case MkvIds.BLOCK_GROUP -> hold(Body.BLOCK_GROUP, limits.maxFrameBytes());
      case EbmlIds.CRC32 -> {
        if (verifyCrc && elementStart == containers.clusterDataStart && size == 4 && containers.clusterEnd >= 0) {
          hold(Body.CLUSTER_CRC, 4);
        } else {
          skip(false);
        }
      }
      default -> skip(false);
    }
  }

  private void openSegment() {
    timecodeScale = SegmentInfo.DEFAULT_TIMECODE_SCALE;
    containers.openSegment(elementStart, dataStart, size);
    afterElement();
  }

  private void openCluster() {
    containers.openCluster(elementStart, dataStart, size);
    afterElement();
  }

  /** Closes every known-size container whose end was reached. */
  private void afterElement() {
    containers.closeReached(position);
  }

  private void hold(Body kind, int limit) {
    if (size > limit) {
      if (kind == Body.TIMECODE || kind == Body.CLUSTER_CRC) {
        throw new MalformedMkvException(String.format("element 0x%X of %d bytes", id, size), elementStart);
      }
      throw new ElementTooLargeException(id, size, limit, elementStart);
    }
    body = kind;
    bodyLength = 0;
    state = State.BODY;
    if (size == 0) {
      state = State.HEADER;
      process(bodyView, 0);
      afterElement();
    }
  }

  private void readBody(ByteBuffer in) {
    int need = (int) size - bodyLength;
    if (bodyLength == 0 && in.remaining() >= need) {
      int p = in.position();
      consume(in, need);
      state = State.HEADER;
      process(in, p);
      afterElement();
      return;
    }
    if (bodyBytes.length < size) {
      bodyBytes = new byte[(int) Math.max(size, Math.min(2L * bodyBytes.length, limitFor(body)))];
      bodyView = ByteBuffer.wrap(bodyBytes);
    }
    int n = Math.min(need, in.remaining());
    in.get(in.position(), bodyBytes, bodyLength, n);
    consume(in, n);
    bodyLength += n;
    if (bodyLength == size) {
      bodyLength = 0;
      state = State.HEADER;
      process(bodyView, 0);
      afterElement();
    }
  }

  private int limitFor(Body kind) {
    return kind == Body.SIMPLE_BLOCK || kind == Body.BLOCK_GROUP ? limits.maxFrameBytes() : limits.maxElementBytes();
  }

  /** Decodes the held body at {@code [index, index + size)} of {@code buf} and reports it. */
  private void process(ByteBuffer buf, int index) {
    int length = (int) size;
    long end = dataStart + size;
    switch (body) {
      case EBML -> listener.onEvent(new MkvEvent.Ebml(elementStart, end,
          MetadataReader.ebmlHeader(body(buf, index, length))));
      case INFO -> {
        SegmentInfo info = MetadataReader.info(body(buf, index, length));
        timecodeScale = info.timecodeScale();
        listener.onEvent(new MkvEvent.Info(elementStart, end, info));
      }
      case TRACKS -> listener.onEvent(new MkvEvent.Tracks(elementStart, end,
          MetadataReader.tracks(body(buf, index, length))));
      case TAGS -> listener.onEvent(new MkvEvent.Tags(elementStart, end,
          MetadataReader.tags(body(buf, index, length), limits.maxTagDepth())));
      case TIMECODE -> timecode(buf, index, length);
      case SIMPLE_BLOCK -> blocks.simpleBlock(buf, index, length, blockContext(end), listener);
      case BLOCK_GROUP -> blocks.blockGroup(buf, index, length, blockContext(end), listener);
      case CLUSTER_CRC -> containers.startClusterCrc(buf.getInt(index), elementStart);
      default -> throw new IllegalStateException(body.name());
    }
  }

  private ElementCursor body(ByteBuffer buf, int index, int length) {
    return new ElementCursor(buf, index, index + length, dataStart, verifyCrc);
  }

  private void timecode(ByteBuffer buf, int index, int length) {
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = (value << 8) | (buf.get(index + i) & 0xFF);
    }
    if (value < 0) { // an 8-byte Timecode above Long.MAX_VALUE ticks
      throw new TimecodeOverflowException(value, timecodeScale, elementStart);
    }
    TimecodeOverflowException.nanos(value, timecodeScale, elementStart);
    containers.clusterTimecode(value, elementStart);
  }

  private BlockReader.Context blockContext(long end) {
    if (!containers.clusterStarted) {
      throw new MalformedMkvException("block before its Cluster's Timecode", elementStart);
    }
    BlockReader.Context ctx = blockContext;
    ctx.start = elementStart;
    ctx.end = end;
    ctx.clusterTimecode = containers.clusterTimecode;
    ctx.timecodeScale = timecodeScale;
    return ctx;
  }

  private void skip(boolean report) {
    reportSkip = report;
    skipRemaining = size;
    state = State.SKIP;
    if (size == 0) {
      endSkip();
    }
  }

  private void skip(ByteBuffer in) {
    int n = (int) Math.min(skipRemaining, in.remaining());
    consume(in, n);
    skipRemaining -= n;
    if (skipRemaining == 0) {
      endSkip();
    }
  }

  private void endSkip() {
    state = State.HEADER;
    if (reportSkip) {
      listener.onEvent(new MkvEvent.Skipped(id, elementStart, position));
    }
    afterElement();
  }

  /** Advances past {@code n} bytes of {@code in}, running the Cluster CRC over them when active. */
  private void consume(ByteBuffer in, int n) {
    if (containers.crcActive) {
      containers.updateCrc(in, n);
    }
    in.position(in.position() + n);
    position += n;
  }
}
