package dev.argus.producer.source;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * H.264 byte-stream conversions for passthrough (ITU-T H.264 Annex B to ISO/IEC 14496-15 "AVCC").
 *
 * <ul>
 *   <li>Annex B: NAL units separated by start codes {@code 00 00 01} or {@code 00 00 00 01}, as RTSP
 *       depacketizers, MPEG-TS and raw {@code .h264} files deliver them.
 *   <li>AVCC sample: each NAL unit preceded by its 4-byte big-endian length, as MKV SimpleBlocks
 *       with CodecID {@code V_MPEG4/ISO/AVC} carry them.
 *   <li>AVCDecoderConfigurationRecord (the MKV CodecPrivate, 14496-15 §5.3.3.1): version 1,
 *       profile, compatibility, level from the first SPS, {@code lengthSizeMinusOne = 3}, then the
 *       SPS and PPS lists with 16-bit lengths.
 * </ul>
 * Pure functions, thread-safe.
 */
public final class AvcFormat {

  /** NAL unit types (H.264 Table 7-1) this class looks at. */
  static final int NAL_IDR = 5;
  static final int NAL_SPS = 7;
  static final int NAL_PPS = 8;

  private AvcFormat() {}

  /** Whether {@code data} begins with an Annex B start code. */
  public static boolean isAnnexB(byte[] data) {
    return data.length >= 3 && data[0] == 0 && data[1] == 0
        && (data[2] == 1 || (data.length >= 4 && data[2] == 0 && data[3] == 1));
  }

  /** Splits an Annex B byte stream into NAL units (without start codes); empty units are skipped. */
  public static List<byte[]> splitAnnexB(byte[] data) {
    List<byte[]> units = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i + 2 < data.length) {
      if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
        if (start >= 0) {
          addUnit(units, data, start, trimZeros(data, start, i));
        }
        i += 3;
        start = i;
      } else {
        i++;
      }
    }
    if (start >= 0 && start < data.length) {
      addUnit(units, data, start, data.length);
    }
    return units;
  }

  private static int trimZeros(byte[] data, int start, int end) {
    while (end > start && data[end - 1] == 0) {
      end--; // the leading zero of a 4-byte start code (trailing_zero_8bits)
    }
    return end;
  }

  private static void addUnit(List<byte[]> units, byte[] data, int from, int to) {
    if (to > from) {
      byte[] unit = new byte[to - from];
      System.arraycopy(data, from, unit, 0, unit.length);
      units.add(unit);
    }
  }

  /** NAL units as one AVCC sample (4-byte lengths). */
  public static byte[] toAvcc(List<byte[]> units) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] unit : units) {
      out.write(unit.length >>> 24);
      out.write(unit.length >>> 16);
      out.write(unit.length >>> 8);
      out.write(unit.length);
      out.writeBytes(unit);
    }
    return out.toByteArray();
  }

  /**
   * Splits an AVCC sample into its NAL units.
   *
   * @throws IllegalArgumentException if the 4-byte lengths do not tile the sample exactly
   */
  public static List<byte[]> splitAvcc(byte[] sample) {
    List<byte[]> units = new ArrayList<>();
    int i = 0;
    while (i < sample.length) {
      if (i + 4 > sample.length) {
        throw new IllegalArgumentException("truncated NAL length at " + i);
      }
      int length = ((sample[i] & 0xff) << 24) | ((sample[i + 1] & 0xff) << 16) | ((sample[i + 2] & 0xff) << 8)
          | (sample[i + 3] & 0xff);
      if (length <= 0 || length > sample.length - i - 4) {
        throw new IllegalArgumentException("bad NAL length " + length + " at " + i);
      }
      addUnit(units, sample, i + 4, i + 4 + length);
      i += 4 + length;
    }
    return units;
  }

  /** The NAL unit type of a unit (its first byte's low 5 bits). */
  public static int nalType(byte[] unit) {
    return unit[0] & 0x1f;
  }

  /** Builds the AVCDecoderConfigurationRecord from the SPS and PPS units. */
  public static byte[] decoderConfiguration(List<byte[]> sps, List<byte[]> pps) {
    if (sps.isEmpty() || pps.isEmpty() || sps.size() > 31 || pps.size() > 255) {
      throw new IllegalArgumentException("need 1..31 SPS and 1..255 PPS, got " + sps.size() + ", " + pps.size());
    }
    byte[] first = sps.get(0);
    if (first.length < 4) {
      throw new IllegalArgumentException("SPS too short: " + first.length + " bytes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    out.write(first[1]);
    out.write(first[2]);
    out.write(first[3]);
    out.write(0xff);
    out.write(0xe0 | sps.size());
    writeUnits(out, sps);
    out.write(pps.size());
    writeUnits(out, pps);
    return out.toByteArray();
  }

  private static void writeUnits(ByteArrayOutputStream out, List<byte[]> units) {
    for (byte[] unit : units) {
      if (unit.length > 0xffff) {
        throw new IllegalArgumentException("parameter set too long: " + unit.length);
      }
      out.write(unit.length >>> 8);
      out.write(unit.length);
      out.writeBytes(unit);
    }
  }

  /**
   * The decoder configuration from parameter sets found in Annex B data (extradata or a key frame),
   * or {@code null} when it lacks an SPS or a PPS.
   */
  public static byte[] configurationFromAnnexB(byte[] data) {
    List<byte[]> sps = new ArrayList<>();
    List<byte[]> pps = new ArrayList<>();
    for (byte[] unit : splitAnnexB(data)) {
      if (nalType(unit) == NAL_SPS) {
        sps.add(unit);
      } else if (nalType(unit) == NAL_PPS) {
        pps.add(unit);
      }
    }
    return sps.isEmpty() || pps.isEmpty() ? null : decoderConfiguration(sps, pps);
  }
}
