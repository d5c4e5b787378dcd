package dev.argus.parser.ingest;

import dev.argus.parser.mkv.EbmlHeader;
import dev.argus.parser.mkv.SegmentInfo;
import dev.argus.parser.mkv.TrackInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Segment's header as a stream store keeps it: its values, and {@link #bytes()} = the EBML header,
 * a Segment header of unknown size, Info and Tracks, each element copied raw from the input (other
 * elements between them, such as SeekHead or Void, are left out). Those bytes followed by any
 * number of Clusters are a valid live MKV stream.
 *
 * @param startOffset input offset of the EBML header (or of the Segment when it had none)
 */
public record StreamHeader(long startOffset, EbmlHeader ebml, SegmentInfo info, List<TrackInfo> tracks,
    byte[] bytes) {

  public StreamHeader {
    Objects.requireNonNull(ebml, "ebml");
    Objects.requireNonNull(info, "info");
    tracks = List.copyOf(tracks);
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Whether {@code other} describes the same stream: the same header bytes. */
  public boolean sameAs(StreamHeader other) {
    return Arrays.equals(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamHeader h && startOffset == h.startOffset && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(startOffset) * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "StreamHeader[startOffset=" + startOffset + ", tracks=" + tracks.size() + ", bytes=" + bytes.length + "]";
  }
}
