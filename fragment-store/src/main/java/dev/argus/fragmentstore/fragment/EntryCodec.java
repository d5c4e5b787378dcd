package dev.argus.fragmentstore.fragment;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Payload formats of the two logs of a stream (all integers big-endian). Pure and stateless.
 *
 * <p>A fragment entry, in the fragment log (the log entry's timestamp is the server time, and its
 * offset the fragment number's offset, so neither is repeated), in one of two formats:
 *
 * <pre>
 * byte   format: 1 (no metadata tags) or 2
 * int64  producer timestamp, epoch millis
 * int32  duration millis
 * int32  frame count
 * int64  header version: the offset of the stream header in the header log
 * format 2 only:
 *   uint16 metadata tag count n (at most {@link FragmentDraft#MAX_METADATA_TAGS}), then n x
 *     (uint16 length + UTF-8 name, uint16 length + UTF-8 value)
 * byte[] the cluster element, to the end of the payload
 * </pre>
 *
 * Format 2 came with fragment metadata tags; a fragment without tags is still written in format 1,
 * so stores written before it and stores without tags are the same bytes, and both read back.
 *
 * A header entry, in the header log (its offset is its version):
 *
 * <pre>
 * byte   format (1)
 * int64  TimecodeScale, nanoseconds
 * int32  track count n, then n x int64 track numbers
 * int32  length, then the EBML header element
 * int32  length, then the Info element
 * int32  length, then the Tracks element
 * </pre>
 */
public final class EntryCodec {
  static final byte FORMAT = 1;
  /** The fragment entry format with metadata tags. */
  static final byte FORMAT_WITH_METADATA = 2;
  /** Bytes before the cluster in a format-1 fragment entry. */
  public static final int FRAGMENT_PREFIX_BYTES = 1 + 8 + 4 + 4 + 8;
  /**
   * Most bytes before the cluster in any fragment entry: the prefix and the most metadata (a UTF-8
   * byte per char of at most 3 bytes, a surrogate pair's 4 bytes being 2 chars).
   */
  public static final int MAX_FRAGMENT_OVERHEAD_BYTES = FRAGMENT_PREFIX_BYTES + 2
      + FragmentDraft.MAX_METADATA_TAGS * (4 + 3 * (MetadataTag.MAX_NAME_CHARS + MetadataTag.MAX_VALUE_CHARS));

  private EntryCodec() {
  }

  /** The fragment entry for a cluster without metadata tags (format 1). */
  public static ByteBuffer encodeFragment(FragmentMeta meta, byte[] cluster) {
    return encodeFragment(meta, List.of(), cluster);
  }

  /**
   * The fragment entry for a cluster and its metadata tags: format 1 when there are none, else 2.
   * The number's server time and offset are the log's.
   */
  public static ByteBuffer encodeFragment(FragmentMeta meta, List<MetadataTag> metadata, byte[] cluster) {
    if (cluster.length != meta.sizeBytes()) {
      throw new IllegalArgumentException("cluster is " + cluster.length + " bytes, meta says " + meta.sizeBytes());
    }
    if (metadata.size() > FragmentDraft.MAX_METADATA_TAGS) {
      throw new IllegalArgumentException(metadata.size() + " metadata tags");
    }
    List<byte[]> strings = new ArrayList<>(2 * metadata.size());
    int metadataBytes = metadata.isEmpty() ? 0 : 2;
    for (MetadataTag tag : metadata) {
      for (String s : List.of(tag.name(), tag.value())) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        strings.add(utf8);
        metadataBytes += 2 + utf8.length;
      }
    }
    ByteBuffer out = ByteBuffer.allocate(FRAGMENT_PREFIX_BYTES + metadataBytes + cluster.length);
    out.put(metadata.isEmpty() ? FORMAT : FORMAT_WITH_METADATA).putLong(meta.producerMillis())
        .putInt(meta.durationMillis()).putInt(meta.frameCount()).putLong(meta.headerVersion());
    if (!metadata.isEmpty()) {
      out.putShort((short) metadata.size());
      for (byte[] utf8 : strings) {
        out.putShort((short) utf8.length).put(utf8);
      }
    }
    return out.put(cluster).flip();
  }

  /** The metadata of a fragment entry read at {@code number}'s offset; the cluster is not copied. */
  public static FragmentMeta decodeFragmentMeta(FragmentNumber number, ByteBuffer payload) {
    ByteBuffer in = payload.duplicate();
    try {
      byte format = in.get();
      long producer = in.getLong();
      int duration = in.getInt();
      int frames = in.getInt();
      long headerVersion = in.getLong();
      skipMetadata(format, in);
      return new FragmentMeta(number, producer, duration, in.remaining(), frames, headerVersion);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptEntryException("fragment entry at offset " + number.offset() + " is malformed", e);
    }
  }

  /** The metadata tags of a fragment entry, in the order the producer sent them; empty in format 1. */
  public static List<MetadataTag> decodeMetadata(ByteBuffer payload) {
    ByteBuffer in = payload.duplicate();
    try {
      byte format = in.get();
      checkFragmentFormat(format);
      if (format == FORMAT) {
        return List.of();
      }
      in.position(in.position() + FRAGMENT_PREFIX_BYTES - 1);
      int count = Short.toUnsignedInt(in.getShort());
      if (count > FragmentDraft.MAX_METADATA_TAGS) {
        throw new IllegalArgumentException(count + " metadata tags");
      }
      List<MetadataTag> tags = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        tags.add(new MetadataTag(utf8(in), utf8(in)));
      }
      return List.copyOf(tags);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptEntryException("fragment entry's metadata tags are malformed", e);
    }
  }

  /** The cluster bytes of a fragment entry. */
  public static byte[] decodeCluster(ByteBuffer payload) {
    ByteBuffer in = payload.duplicate();
    try {
      byte format = in.get();
      in.position(in.position() + FRAGMENT_PREFIX_BYTES - 1);
      skipMetadata(format, in);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptEntryException("fragment entry shorter than its prefix", e);
    }
    byte[] cluster = new byte[in.remaining()];
    in.get(cluster);
    return cluster;
  }

  /** Moves {@code in}, just after the fixed prefix, past the metadata of a {@code format} entry. */
  private static void skipMetadata(byte format, ByteBuffer in) {
    checkFragmentFormat(format);
    if (format == FORMAT_WITH_METADATA) {
      int strings = 2 * Short.toUnsignedInt(in.getShort());
      for (int i = 0; i < strings; i++) {
        int length = Short.toUnsignedInt(in.getShort());
        in.position(in.position() + length);
      }
    }
  }

  private static String utf8(ByteBuffer in) {
    byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void checkFragmentFormat(byte format) {
    if (format != FORMAT && format != FORMAT_WITH_METADATA) {
      throw new IllegalArgumentException("unknown fragment entry format " + format);
    }
  }

  public static ByteBuffer encodeHeader(StreamHeader header) {
    byte[] ebml = header.ebmlHeader();
    byte[] info = header.segmentInfo();
    byte[] tracks = header.tracks();
    ByteBuffer out = ByteBuffer.allocate(1 + 8 + 4 + 8 * header.trackNumbers().size() + 12 + ebml.length
        + info.length + tracks.length);
    out.put(FORMAT).putLong(header.timecodeScaleNanos()).putInt(header.trackNumbers().size());
    header.trackNumbers().forEach(out::putLong);
    out.putInt(ebml.length).put(ebml).putInt(info.length).put(info).putInt(tracks.length).put(tracks);
    return out.flip();
  }

  public static StreamHeader decodeHeader(ByteBuffer payload) {
    ByteBuffer in = payload.duplicate();
    try {
      checkFormat(in.get());
      long scale = in.getLong();
      int count = in.getInt();
      if (count < 0 || count > in.remaining() / 8) {
        throw new IllegalArgumentException("track count " + count);
      }
      List<Long> tracks = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        tracks.add(in.getLong());
      }
      StreamHeader header = new StreamHeader(block(in), block(in), block(in), scale, tracks);
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " trailing bytes");
      }
      return header;
    } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
      throw new CorruptEntryException("header entry is malformed", e);
    }
  }

  private static byte[] block(ByteBuffer in) {
    byte[] bytes = new byte[in.getInt()];
    in.get(bytes);
    return bytes;
  }

  private static void checkFormat(byte format) {
    if (format != FORMAT) {
      throw new IllegalArgumentException("unknown entry format " + format);
    }
  }
}
