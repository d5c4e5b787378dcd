package dev.argus.fragmentstore.fragment;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The part of a stream's MKV that precedes its clusters, as the producer sent it: the raw EBML
 * header element, the Segment's Info element and its Tracks element, each whole (ID, size, body),
 * plus what the store reads from them. Readers put these bytes before every cluster they serve.
 *
 * @param ebmlHeader the EBML header element
 * @param segmentInfo the Info element
 * @param tracks the Tracks element
 * @param timecodeScaleNanos Info's TimecodeScale (1,000,000 when absent)
 * @param trackNumbers the TrackNumber of each TrackEntry, in order
 */
public record StreamHeader(byte[] ebmlHeader, byte[] segmentInfo, byte[] tracks, long timecodeScaleNanos,
    List<Long> trackNumbers) {

  /** Matroska's default TimecodeScale: timecodes in milliseconds. */
  public static final long DEFAULT_TIMECODE_SCALE = 1_000_000L;

  public StreamHeader {
    ebmlHeader = Objects.requireNonNull(ebmlHeader, "ebmlHeader").clone();
    segmentInfo = Objects.requireNonNull(segmentInfo, "segmentInfo").clone();
    tracks = Objects.requireNonNull(tracks, "tracks").clone();
    trackNumbers = List.copyOf(trackNumbers);
    if (timecodeScaleNanos <= 0) {
      throw new IllegalArgumentException("TimecodeScale must be positive: " + timecodeScaleNanos);
    }
  }

  @Override
  public byte[] ebmlHeader() {
    return ebmlHeader.clone();
  }

  @Override
  public byte[] segmentInfo() {
    return segmentInfo.clone();
  }

  @Override
  public byte[] tracks() {
    return tracks.clone();
  }

  /** Milliseconds for a timecode in this header's scale. */
  public long toMillis(long timecode) {
    return Math.multiplyExact(timecode, timecodeScaleNanos) / 1_000_000L;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamHeader h && Arrays.equals(ebmlHeader, h.ebmlHeader)
        && Arrays.equals(segmentInfo, h.segmentInfo) && Arrays.equals(tracks, h.tracks)
        && timecodeScaleNanos == h.timecodeScaleNanos && trackNumbers.equals(h.trackNumbers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(ebmlHeader), Arrays.hashCode(segmentInfo), Arrays.hashCode(tracks),
        timecodeScaleNanos, trackNumbers);
  }

  @Override
  public String toString() {
    return "StreamHeader[" + (ebmlHeader.length + segmentInfo.length + tracks.length) + " bytes, scale "
        + timecodeScaleNanos + " ns, tracks " + trackNumbers + "]";
  }
}
