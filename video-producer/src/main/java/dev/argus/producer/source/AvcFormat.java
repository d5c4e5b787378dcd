package dev.argus.producer.source;

import dev.argus.parser.h264.AvcDecoderConfigurationRecord;
import dev.argus.parser.nal.InvalidNalException;
import dev.argus.parser.nal.NalUnits;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The H.264 conversions passthrough needs, on top of the parser's {@link NalUnits} and
 * {@link AvcDecoderConfigurationRecord}, over arrays:
 *
 * <ul>
 *   <li>Annex B (start codes {@code 00 00 01} / {@code 00 00 00 01}: RTSP depacketizers, MPEG-TS,
 *       raw {@code .h264}, libopenh264's output) to AVCC samples (each NAL unit after its 4-byte
 *       big-endian length: what MKV SimpleBlocks with CodecID {@code V_MPEG4/ISO/AVC} carry);
 *   <li>the AVCDecoderConfigurationRecord (the MKV CodecPrivate, ISO/IEC 14496-15 §5.3.3.1) from
 *       the SPS/PPS found in Annex B extradata or a key frame.
 * </ul>
 * Pure functions, thread-safe.
 */
public final class AvcFormat {

  /** NAL unit types (H.264 Table 7-1) this class looks at. */
  static final int NAL_IDR = 5;
  static final int NAL_SPS = 7;
  static final int NAL_PPS = 8;
  /** AVCC length prefix size written by this producer. */
  static final int LENGTH_SIZE = 4;

  private AvcFormat() {}

  /** Whether {@code data} begins with an Annex B start code. */
  public static boolean isAnnexB(byte[] data) {
    return data.length >= 3 && data[0] == 0 && data[1] == 0
        && (data[2] == 1 || (data.length >= 4 && data[2] == 0 && data[3] == 1));
  }

  /** Splits an Annex B byte stream into NAL units (without start codes); empty units are skipped. */
  public static List<byte[]> splitAnnexB(byte[] data) {
    return NalUnits.splitAnnexB(ByteBuffer.wrap(data)).stream().filter(ByteBuffer::hasRemaining)
        .map(NalUnits::bytes).toList();
  }

  /** NAL units as one AVCC sample (4-byte lengths). */
  public static byte[] toAvcc(List<byte[]> units) {
    return NalUnits.lengthPrefixed(units.stream().map(ByteBuffer::wrap).toList(), LENGTH_SIZE);
  }

  /** An Annex B access unit as one AVCC sample. */
  public static byte[] annexBToAvcc(byte[] data) {
    return NalUnits.annexBToLengthPrefixed(ByteBuffer.wrap(data), LENGTH_SIZE);
  }

  /**
   * Splits an AVCC sample into its NAL units.
   *
   * @throws IllegalArgumentException if the 4-byte lengths do not tile the sample exactly
   */
  public static List<byte[]> splitAvcc(byte[] sample) {
    try {
      return NalUnits.splitLengthPrefixed(ByteBuffer.wrap(sample), LENGTH_SIZE).stream().map(NalUnits::bytes).toList();
    } catch (InvalidNalException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The NAL unit type of a unit (its first byte's low 5 bits). */
  public static int nalType(byte[] unit) {
    return unit[0] & 0x1f;
  }

  /** Builds the AVCDecoderConfigurationRecord from the SPS and PPS units. */
  public static byte[] decoderConfiguration(List<byte[]> sps, List<byte[]> pps) {
    if (sps.isEmpty() || pps.isEmpty()) {
      throw new IllegalArgumentException("need an SPS and a PPS, got " + sps.size() + ", " + pps.size());
    }
    byte[] first = sps.get(0);
    if (first.length < 4) {
      throw new IllegalArgumentException("SPS too short: " + first.length + " bytes");
    }
    return new AvcDecoderConfigurationRecord(first[1] & 0xff, first[2] & 0xff, first[3] & 0xff, LENGTH_SIZE, sps, pps)
        .toBytes();
  }

  /**
   * The decoder configuration from parameter sets found in Annex B data (extradata or a key frame),
   * or {@code null} when it lacks an SPS or a PPS.
   */
  public static byte[] configurationFromAnnexB(byte[] data) {
    List<byte[]> units = splitAnnexB(data);
    List<byte[]> sps = units.stream().filter(u -> nalType(u) == NAL_SPS).toList();
    List<byte[]> pps = units.stream().filter(u -> nalType(u) == NAL_PPS).toList();
    return sps.isEmpty() || pps.isEmpty() ? null : decoderConfiguration(sps, pps);
  }
}
