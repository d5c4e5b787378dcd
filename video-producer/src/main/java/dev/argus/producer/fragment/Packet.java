package dev.argus.producer.fragment;

import java.util.Objects;

/**
 * One encoded media packet (an access unit) as a source delivers it.
 *
 * <p>Timestamps are absolute producer time in microseconds since the Unix epoch: {@code ptsMicros}
 * is the presentation time, {@code dtsMicros} the decoding time. Packets arrive in decoding order;
 * with B-frames the presentation times are not monotonic. The array is owned by the packet and
 * must not be changed after construction.
 *
 * @param track MKV track number, 1-based
 * @param ptsMicros presentation timestamp, epoch microseconds, non-negative
 * @param dtsMicros decoding timestamp, epoch microseconds, non-negative
 * @param key whether this is a key frame (a random access point: IDR for H.264)
 * @param data the frame's bytes as they go into an MKV SimpleBlock (AVCC for H.264/H.265)
 */
public record Packet(int track, long ptsMicros, long dtsMicros, boolean key, byte[] data) {

  public Packet {
    if (track < 1 || track > 127) {
      throw new IllegalArgumentException("track must be 1..127: " + track);
    }
    if (ptsMicros < 0 || dtsMicros < 0) {
      throw new IllegalArgumentException("timestamps must be non-negative: pts " + ptsMicros + " dts " + dtsMicros);
    }
    Objects.requireNonNull(data, "data");
  }

  /** The presentation time in whole milliseconds (the MKV timecode unit at TimecodeScale 1,000,000). */
  public long ptsMillis() {
    return Math.floorDiv(ptsMicros, 1000L);
  }

  /** The same packet with both timestamps moved by {@code deltaMicros}. */
  public Packet shifted(long deltaMicros) {
    return deltaMicros == 0 ? this : new Packet(track, ptsMicros + deltaMicros, dtsMicros + deltaMicros, key, data);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Packet p && p.track == track && p.ptsMicros == ptsMicros
        && p.dtsMicros == dtsMicros && p.key == key && java.util.Arrays.equals(p.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(track, ptsMicros, dtsMicros, key, java.util.Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "Packet[track=" + track + ", pts=" + ptsMicros + ", dts=" + dtsMicros + ", key=" + key
        + ", bytes=" + data.length + "]";
  }
}
