package dev.argus.parser.h264;

import dev.argus.parser.nal.InvalidNalException;
import dev.argus.parser.nal.NalUnits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An AVCDecoderConfigurationRecord (ISO/IEC 14496-15 section 5.3.3.1): the CodecPrivate of a
 * V_MPEG4/ISO/AVC Matroska track and the extradata FFmpeg wants. Lists and arrays are copied in
 * and out.
 *
 * @param profileIdc AVCProfileIndication (the SPS's profile_idc)
 * @param profileCompatibility profile_compatibility (the SPS's constraint flags byte)
 * @param levelIdc AVCLevelIndication
 * @param lengthSize bytes of each NAL unit's length prefix in the samples: 1, 2 or 4
 * @param sps the sequence parameter sets, NAL header byte included
 * @param pps the picture parameter sets, NAL header byte included
 */
public record AvcDecoderConfigurationRecord(int profileIdc, int profileCompatibility, int levelIdc, int lengthSize,
    List<byte[]> sps, List<byte[]> pps) {

  public AvcDecoderConfigurationRecord {
    if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
      throw new IllegalArgumentException("length size must be 1, 2 or 4: " + lengthSize);
    }
    if (sps.isEmpty() || sps.size() > 31 || pps.size() > 255) {
      throw new IllegalArgumentException("need 1..31 SPS and 0..255 PPS: " + sps.size() + ", " + pps.size());
    }
    sps = sps.stream().map(byte[]::clone).toList();
    pps = pps.stream().map(byte[]::clone).toList();
  }

  /** A record for one SPS and one PPS with 4-byte lengths; profile and level come from the SPS. */
  public static AvcDecoderConfigurationRecord of(byte[] sps, byte[] pps) {
    if (sps.length < 4) {
      throw new InvalidNalException("SPS too short: " + sps.length + " bytes");
    }
    return new AvcDecoderConfigurationRecord(sps[1] & 0xFF, sps[2] & 0xFF, sps[3] & 0xFF, 4, List.of(sps),
        List.of(pps));
  }

  /** The record of the first SPS and PPS found in an Annex B stream (e.g. a camera's first key frame). */
  public static AvcDecoderConfigurationRecord fromAnnexB(ByteBuffer stream) {
    byte[] sps = null;
    byte[] pps = null;
    for (ByteBuffer unit : NalUnits.splitAnnexB(stream)) {
      int type = unit.get(unit.position()) & 0x1F;
      if (type == H264Sps.NAL_TYPE && sps == null) {
        sps = NalUnits.bytes(unit);
      } else if (type == 8 && pps == null) {
        pps = NalUnits.bytes(unit);
      }
    }
    if (sps == null || pps == null) {
      throw new InvalidNalException("no SPS and PPS in the stream");
    }
    return of(sps, pps);
  }

  /**
   * Parses a record.
   *
   * @throws InvalidNalException when it is not one
   */
  public static AvcDecoderConfigurationRecord parse(byte[] record) {
    ByteBuffer b = ByteBuffer.wrap(record);
    try {
      if (b.get() != 1) {
        throw new InvalidNalException("configurationVersion is not 1");
      }
      int profile = b.get() & 0xFF;
      int compatibility = b.get() & 0xFF;
      int level = b.get() & 0xFF;
      int lengthSize = (b.get() & 0x03) + 1;
      if (lengthSize == 3) {
        throw new InvalidNalException("length size 3 is not allowed");
      }
      List<byte[]> sps = units(b, b.get() & 0x1F);
      List<byte[]> pps = units(b, b.get() & 0xFF);
      // High profiles may append chroma format and bit depths: not needed here.
      return new AvcDecoderConfigurationRecord(profile, compatibility, level, lengthSize, sps, pps);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new InvalidNalException("truncated or bad AVCDecoderConfigurationRecord: " + e.getMessage());
    }
  }

  private static List<byte[]> units(ByteBuffer b, int count) {
    List<byte[]> units = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] unit = new byte[b.getShort() & 0xFFFF];
      b.get(unit);
      units.add(unit);
    }
    return units;
  }

  /** The record's bytes. */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    out.write(profileIdc);
    out.write(profileCompatibility);
    out.write(levelIdc);
    out.write(0xFC | (lengthSize - 1));
    out.write(0xE0 | sps.size());
    sps.forEach(unit -> writeUnit(out, unit));
    out.write(pps.size());
    pps.forEach(unit -> writeUnit(out, unit));
    return out.toByteArray();
  }

  private static void writeUnit(ByteArrayOutputStream out, byte[] unit) {
    out.write(unit.length >>> 8);
    out.write(unit.length);
    out.writeBytes(unit);
  }

  /** SPS then PPS units as an Annex B stream (what a decoder fed Annex B samples wants first). */
  public byte[] toAnnexB() {
    List<ByteBuffer> units = new ArrayList<>();
    sps.forEach(u -> units.add(ByteBuffer.wrap(u)));
    pps.forEach(u -> units.add(ByteBuffer.wrap(u)));
    return NalUnits.annexB(units);
  }

  /** The first SPS, parsed: the picture size. */
  public H264Sps firstSps() {
    return H264Sps.parse(ByteBuffer.wrap(sps.get(0)));
  }

  @Override
  public List<byte[]> sps() {
    return sps.stream().map(byte[]::clone).toList();
  }

  @Override
  public List<byte[]> pps() {
    return pps.stream().map(byte[]::clone).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AvcDecoderConfigurationRecord r && Arrays.equals(toBytes(), r.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "AvcDecoderConfigurationRecord[profile=" + profileIdc + ", level=" + levelIdc + ", lengthSize=" + lengthSize
        + ", sps=" + sps.size() + ", pps=" + pps.size() + "]";
  }
}
