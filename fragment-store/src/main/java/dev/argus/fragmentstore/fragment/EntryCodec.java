package dev.argus.fragmentstore.fragment;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Payload formats of the two logs of a stream (all integers big-endian). Pure and stateless.
 *
 * <p>A fragment entry, in the fragment log (the log entry's timestamp is the server time, and its
 * offset the fragment number's offset, so neither is repeated):
 *
 * <pre>
 * byte   format (1)
 * int64  producer timestamp, epoch millis
 * int32  duration millis
 * int32  frame count
 * int64  header version: the offset of the stream header in the header log
 * byte[] the cluster element, to the end of the payload
 * </pre>
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
  /** Bytes before the cluster in a fragment entry. */
  public static final int FRAGMENT_PREFIX_BYTES = 1 + 8 + 4 + 4 + 8;

  private EntryCodec() {
  }

  /** The fragment entry for a cluster; the number's server time and offset are the log's. */
  public static ByteBuffer encodeFragment(FragmentMeta meta, byte[] cluster) {
    if (cluster.length != meta.sizeBytes()) {
      throw new IllegalArgumentException("cluster is " + cluster.length + " bytes, meta says " + meta.sizeBytes());
    }
    ByteBuffer out = ByteBuffer.allocate(FRAGMENT_PREFIX_BYTES + cluster.length);
    out.put(FORMAT).putLong(meta.producerMillis()).putInt(meta.durationMillis()).putInt(meta.frameCount())
        .putLong(meta.headerVersion()).put(cluster);
    return out.flip();
  }

  /** The metadata of a fragment entry read at {@code number}'s offset; the cluster is not copied. */
  public static FragmentMeta decodeFragmentMeta(FragmentNumber number, ByteBuffer payload) {
    ByteBuffer in = payload.duplicate();
    try {
      checkFormat(in.get());
      long producer = in.getLong();
      int duration = in.getInt();
      int frames = in.getInt();
      long headerVersion = in.getLong();
      return new FragmentMeta(number, producer, duration, in.remaining(), frames, headerVersion);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptEntryException("fragment entry at offset " + number.offset() + " is malformed", e);
    }
  }

  /** The cluster bytes of a fragment entry. */
  public static byte[] decodeCluster(ByteBuffer payload) {
    ByteBuffer in = payload.duplicate();
    if (in.remaining() < FRAGMENT_PREFIX_BYTES) {
      throw new CorruptEntryException("fragment entry shorter than its prefix", null);
    }
    in.position(in.position() + FRAGMENT_PREFIX_BYTES);
    byte[] cluster = new byte[in.remaining()];
    in.get(cluster);
    return cluster;
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
