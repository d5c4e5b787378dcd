package dev.argus.parser.write;

import dev.argus.parser.ebml.EbmlIds;
import dev.argus.parser.ebml.Vint;
import dev.argus.parser.mkv.EbmlHeader;
import dev.argus.parser.mkv.MkvIds;
import dev.argus.parser.mkv.SegmentInfo;
import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import dev.argus.parser.mkv.TrackInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Writes Matroska for live streaming, in the shape KVS producers send and GetMedia returns: an
 * EBML header, a Segment of unknown size (so it can go on forever), Info, Tracks, then for each
 * fragment optional Tags and one Cluster of known size, written whole, holding SimpleBlocks.
 * Several Segments may follow each other on one stream (GetMedia does that).
 *
 * <p>Each call writes complete elements to the stream at once; the writer holds no state between
 * calls except a scratch buffer, and checks no order: calling the methods in the order above is
 * the caller's part. Frame data are written straight from the caller's buffers, never copied into
 * the scratch buffer. {@link #header} and {@link #cluster} give the same bytes as arrays.
 *
 * <p>An {@link IOException} from the stream is rethrown as {@link UncheckedIOException}.
 *
 * <p>Not thread-safe: one writer per output stream.
 */
public final class MkvWriter {

  private final OutputStream out;
  private final ElementBuffer scratch = new ElementBuffer();

  public MkvWriter(OutputStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** EBML header + Segment start + Info + Tracks as one array: a live stream's header. */
  public static byte[] header(SegmentInfo info, List<TrackInfo> tracks) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(512);
    MkvWriter writer = new MkvWriter(bytes);
    writer.writeEbmlHeader(EbmlHeader.MATROSKA);
    writer.writeSegmentStart();
    writer.writeInfo(info);
    writer.writeTracks(tracks);
    return bytes.toByteArray();
  }

  /** One Cluster of known size as an array (see {@link #writeCluster}). */
  public static byte[] cluster(long timecode, List<Block> blocks) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(clusterLength(timecode, blocks));
    new MkvWriter(bytes).writeCluster(timecode, blocks);
    return bytes.toByteArray();
  }

  /**
   * The start of a Cluster of unknown size (8-byte reserved size, as KVS producers stream it) and its
   * Timecode, as an array: {@link #simpleBlock}s follow it one by one as frames are produced, and the
   * next Cluster (or the end of the stream) ends it.
   */
  public static byte[] clusterStart(long timecode) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(24);
    new MkvWriter(bytes).writeClusterStart(timecode);
    return bytes.toByteArray();
  }

  /** One SimpleBlock inside a Cluster with timecode {@code clusterTimecode}, as an array. */
  public static byte[] simpleBlock(long clusterTimecode, Block block) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
        simpleBlockLength(block)));
    new MkvWriter(bytes).writeSimpleBlock(clusterTimecode, block);
    return bytes.toByteArray();
  }

  public void writeEbmlHeader(EbmlHeader header) {
    ElementBuffer children = new ElementBuffer()
        .uint(EbmlIds.EBML_VERSION, header.version())
        .uint(EbmlIds.EBML_READ_VERSION, header.readVersion())
        .uint(EbmlIds.EBML_MAX_ID_LENGTH, header.maxIdLength())
        .uint(EbmlIds.EBML_MAX_SIZE_LENGTH, header.maxSizeLength())
        .string(EbmlIds.DOC_TYPE, header.docType())
        .uint(EbmlIds.DOC_TYPE_VERSION, header.docTypeVersion())
        .uint(EbmlIds.DOC_TYPE_READ_VERSION, header.docTypeReadVersion());
    emit(scratchOf().master(EbmlIds.EBML, children));
  }

  /** A Segment header with unknown size: everything after it until the next EBML header is its content. */
  public void writeSegmentStart() {
    emit(scratchOf().unknownSizeHeader(MkvIds.SEGMENT));
  }

  public void writeInfo(SegmentInfo info) {
    ElementBuffer children = new ElementBuffer().uint(MkvIds.TIMECODE_SCALE, info.timecodeScale());
    if (info.hasDuration()) {
      children.floating(MkvIds.DURATION, info.duration());
    }
    if (!info.title().isEmpty()) {
      children.string(MkvIds.TITLE, info.title());
    }
    children.string(MkvIds.MUXING_APP, info.muxingApp()).string(MkvIds.WRITING_APP, info.writingApp());
    emit(scratchOf().master(MkvIds.INFO, children));
  }

  public void writeTracks(List<TrackInfo> tracks) {
    ElementBuffer entries = new ElementBuffer();
    for (TrackInfo track : tracks) {
      entries.master(MkvIds.TRACK_ENTRY, trackEntry(track));
    }
    emit(scratchOf().master(MkvIds.TRACKS, entries));
  }

  private static ElementBuffer trackEntry(TrackInfo track) {
    ElementBuffer e = new ElementBuffer()
        .uint(MkvIds.TRACK_NUMBER, track.number())
        .uint(MkvIds.TRACK_UID, track.uid() != 0 ? track.uid() : track.number())
        .uint(MkvIds.TRACK_TYPE, track.type());
    if (!track.name().isEmpty()) {
      e.string(MkvIds.TRACK_NAME, track.name());
    }
    e.string(MkvIds.CODEC_ID, track.codecId());
    byte[] codecPrivate = track.codecPrivate();
    if (codecPrivate.length > 0) {
      e.binary(MkvIds.CODEC_PRIVATE, codecPrivate);
    }
    if (track.defaultDurationNanos() > 0) {
      e.uint(MkvIds.DEFAULT_DURATION, track.defaultDurationNanos());
    }
    if (track.pixelWidth() > 0 || track.pixelHeight() > 0) {
      e.master(MkvIds.VIDEO, new ElementBuffer()
          .uint(MkvIds.PIXEL_WIDTH, track.pixelWidth())
          .uint(MkvIds.PIXEL_HEIGHT, track.pixelHeight()));
    }
    if (track.samplingFrequency() > 0 || track.channels() > 0) {
      e.master(MkvIds.AUDIO, new ElementBuffer()
          .floating(MkvIds.SAMPLING_FREQUENCY, track.samplingFrequency())
          .uint(MkvIds.CHANNELS, Math.max(1, track.channels())));
    }
    return e;
  }

  /** A Tags element; does nothing for an empty list. */
  public void writeTags(List<Tag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    ElementBuffer tagsBody = new ElementBuffer();
    for (Tag tag : tags) {
      ElementBuffer tagBody = new ElementBuffer();
      ElementBuffer targets = new ElementBuffer();
      if (tag.targetTypeValue() != Tag.DEFAULT_TARGET_TYPE_VALUE) {
        targets.uint(MkvIds.TARGET_TYPE_VALUE, tag.targetTypeValue());
      }
      tagBody.master(MkvIds.TARGETS, targets);
      for (SimpleTag simpleTag : tag.simpleTags()) {
        tagBody.master(MkvIds.SIMPLE_TAG, simpleTag(simpleTag));
      }
      tagsBody.master(MkvIds.TAG, tagBody);
    }
    emit(scratchOf().master(MkvIds.TAGS, tagsBody));
  }

  private static ElementBuffer simpleTag(SimpleTag tag) {
    ElementBuffer e = new ElementBuffer().string(MkvIds.TAG_NAME, tag.name()).string(MkvIds.TAG_STRING, tag.value());
    for (SimpleTag child : tag.children()) {
      e.master(MkvIds.SIMPLE_TAG, simpleTag(child));
    }
    return e;
  }

  /**
   * One Cluster of known size with its Timecode and one SimpleBlock per block, in the given order.
   *
   * @throws IllegalArgumentException if a block's timecode is not within -32768..32767 ticks of
   *     {@code timecode}
   */
  public void writeCluster(long timecode, List<Block> blocks) {
    if (timecode < 0) {
      throw new IllegalArgumentException("negative cluster timecode: " + timecode);
    }
    long bodyLength = 0;
    for (Block block : blocks) {
      long relative = block.timecode() - timecode;
      if (relative < Short.MIN_VALUE || relative > Short.MAX_VALUE) {
        throw new IllegalArgumentException("block timecode " + block.timecode() + " too far from cluster's " + timecode);
      }
      bodyLength += simpleBlockLength(block);
    }
    ElementBuffer head = scratchOf();
    bodyLength += uintElementLength(timecode);
    head.header(MkvIds.CLUSTER, bodyLength).uint(MkvIds.TIMECODE, timecode);
    emit(head);
    for (Block block : blocks) {
      writeSimpleBlock(timecode, block);
    }
  }

  /**
   * A Cluster header of unknown size and its Timecode: the start of a Cluster streamed frame by frame
   * with {@link #writeSimpleBlock}.
   */
  public void writeClusterStart(long timecode) {
    if (timecode < 0) {
      throw new IllegalArgumentException("negative cluster timecode: " + timecode);
    }
    emit(scratchOf().unknownSizeHeader(MkvIds.CLUSTER).uint(MkvIds.TIMECODE, timecode));
  }

  /**
   * One SimpleBlock of a Cluster whose Timecode is {@code clusterTimecode}.
   *
   * @throws IllegalArgumentException if the block's timecode is not within -32768..32767 ticks of it
   */
  public void writeSimpleBlock(long clusterTimecode, Block block) {
    long relative = block.timecode() - clusterTimecode;
    if (relative < Short.MIN_VALUE || relative > Short.MAX_VALUE) {
      throw new IllegalArgumentException("block timecode " + block.timecode() + " too far from cluster's " + clusterTimecode);
    }
    int trackLength = Vint.sizeLength(block.trackNumber());
    int dataLength = block.data().remaining();
    ElementBuffer head = scratchOf().header(MkvIds.SIMPLE_BLOCK, trackLength + 3L + dataLength);
    ByteBuffer fixed = ByteBuffer.allocate(trackLength + 3);
    Vint.putSize(fixed, block.trackNumber(), trackLength);
    fixed.putShort((short) (block.timecode() - clusterTimecode));
    fixed.put((byte) (block.keyFrame() ? 0x80 : 0));
    head.bytes(fixed.flip());
    emit(head);
    write(block.data());
  }

  private static long simpleBlockLength(Block block) {
    long body = Vint.sizeLength(block.trackNumber()) + 3L + block.data().remaining();
    return 1 + Vint.sizeLength(body) + body;
  }

  private static long uintElementLength(long value) {
    int length = 1;
    while (length < 8 && (value >>> (8 * length)) != 0) {
      length++;
    }
    return 2 + length;
  }

  private static int clusterLength(long timecode, List<Block> blocks) {
    long length = 12 + uintElementLength(timecode);
    for (Block block : blocks) {
      length += simpleBlockLength(block);
    }
    return (int) Math.min(Integer.MAX_VALUE - 8, length);
  }

  private ElementBuffer scratchOf() {
    scratch.clear();
    return scratch;
  }

  private void emit(ElementBuffer buffer) {
    ByteBuffer bytes = buffer.flipped();
    write(bytes);
  }

  private void write(ByteBuffer data) {
    try {
      if (data.hasArray()) {
        out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
      } else {
        byte[] chunk = new byte[Math.min(data.remaining(), 64 * 1024)];
        ByteBuffer view = data.duplicate();
        while (view.hasRemaining()) {
          int n = Math.min(chunk.length, view.remaining());
          view.get(chunk, 0, n);
          out.write(chunk, 0, n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
