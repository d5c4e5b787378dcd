package dev.argus.parser.h265;

import dev.argus.parser.nal.InvalidNalException;
import dev.argus.parser.nal.NalUnits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 section 8.3.3.1): the CodecPrivate of a
 * V_MPEGH/ISO/HEVC Matroska track. The profile fields are kept as the 12 bytes that follow the
 * version byte; fields a decoder does not need (min_spatial_segmentation_idc, parallelismType,
 * frame rate, temporal layers) are written as "unknown", so equality compares what is kept.
 *
 * @param profileTierLevel the 12 bytes: profile space/tier/idc, compatibility flags, constraint flags, level
 * @param chromaFormat chromaFormat (0..3)
 * @param bitDepthLuma luma bit depth
 * @param bitDepthChroma chroma bit depth
 * @param lengthSize bytes of each NAL unit's length prefix in the samples: 1, 2 or 4
 * @param arrays the parameter set arrays (VPS, SPS, PPS, SEI), in order
 */
public record HevcDecoderConfigurationRecord(byte[] profileTierLevel, int chromaFormat, int bitDepthLuma,
    int bitDepthChroma, int lengthSize, List<NalArray> arrays) {

  /**
   * One array of NAL units of one type.
   *
   * @param complete array_completeness
   * @param type NAL_unit_type (32 VPS, 33 SPS, 34 PPS, 39/40 SEI)
   * @param units the NAL units, 2-byte header included
   */
  public record NalArray(boolean complete, int type, List<byte[]> units) {
    public NalArray {
      units = units.stream().map(byte[]::clone).toList();
    }
  }

  public HevcDecoderConfigurationRecord {
    if (profileTierLevel.length != 12) {
      throw new IllegalArgumentException("profile/tier/level must be 12 bytes");
    }
    if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
      throw new IllegalArgumentException("length size must be 1, 2 or 4: " + lengthSize);
    }
    profileTierLevel = profileTierLevel.clone();
    arrays = List.copyOf(arrays);
  }

  /** A record for one VPS, SPS and PPS (2-byte headers included) with 4-byte lengths; the rest from the SPS. */
  public static HevcDecoderConfigurationRecord of(byte[] vps, byte[] sps, byte[] pps) {
    H265Sps parsed = H265Sps.parse(ByteBuffer.wrap(sps));
    ByteBuffer ptl = ByteBuffer.allocate(12);
    ptl.put((byte) ((parsed.profileSpace() << 6) | (parsed.tier() << 5) | parsed.profileIdc()));
    ptl.putInt((int) parsed.compatibilityFlags());
    ptl.putShort((short) (parsed.constraintFlags() >>> 32));
    ptl.putInt((int) parsed.constraintFlags());
    ptl.put((byte) parsed.levelIdc());
    return new HevcDecoderConfigurationRecord(ptl.array(), parsed.chromaFormatIdc(), parsed.bitDepthLuma(),
        parsed.bitDepthChroma(), 4, List.of(new NalArray(true, 32, List.of(vps)),
            new NalArray(true, H265Sps.NAL_TYPE, List.of(sps)), new NalArray(true, 34, List.of(pps))));
  }

  /** The record of the first VPS, SPS and PPS in an Annex B stream. */
  public static HevcDecoderConfigurationRecord fromAnnexB(ByteBuffer stream) {
    byte[][] found = new byte[3][];
    for (ByteBuffer unit : NalUnits.splitAnnexB(stream)) {
      int type = unit.remaining() >= 2 ? H265Sps.nalType(unit) : -1;
      if (type >= 32 && type <= 34 && found[type - 32] == null) {
        found[type - 32] = NalUnits.bytes(unit);
      }
    }
    if (found[0] == null || found[1] == null || found[2] == null) {
      throw new InvalidNalException("no VPS, SPS and PPS in the stream");
    }
    return of(found[0], found[1], found[2]);
  }

  /**
   * Parses a record.
   *
   * @throws InvalidNalException when it is not one
   */
  public static HevcDecoderConfigurationRecord parse(byte[] record) {
    ByteBuffer b = ByteBuffer.wrap(record);
    try {
      if (b.get() != 1) {
        throw new InvalidNalException("configurationVersion is not 1");
      }
      byte[] ptl = new byte[12];
      b.get(ptl);
      b.getShort(); // min_spatial_segmentation_idc
      b.get(); // parallelismType
      int chroma = b.get() & 0x03;
      int lumaDepth = 8 + (b.get() & 0x07);
      int chromaDepth = 8 + (b.get() & 0x07);
      b.getShort(); // avgFrameRate
      int lengthSize = (b.get() & 0x03) + 1;
      if (lengthSize == 3) {
        throw new InvalidNalException("length size 3 is not allowed");
      }
      int count = b.get() & 0xFF;
      List<NalArray> arrays = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int head = b.get() & 0xFF;
        int n = b.getShort() & 0xFFFF;
        List<byte[]> units = new ArrayList<>(Math.min(n, 64));
        for (int k = 0; k < n; k++) {
          byte[] unit = new byte[b.getShort() & 0xFFFF];
          b.get(unit);
          units.add(unit);
        }
        arrays.add(new NalArray((head & 0x80) != 0, head & 0x3F, units));
      }
      return new HevcDecoderConfigurationRecord(ptl, chroma, lumaDepth, chromaDepth, lengthSize, arrays);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new InvalidNalException("truncated or bad HEVCDecoderConfigurationRecord: " + e.getMessage());
    }
  }

  /** The record's bytes (min_spatial_segmentation 0, parallelism unknown, frame rate unspecified). */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    out.writeBytes(profileTierLevel);
    out.write(0xF0);
    out.write(0x00);
    out.write(0xFC);
    out.write(0xFC | chromaFormat);
    out.write(0xF8 | (bitDepthLuma - 8));
    out.write(0xF8 | (bitDepthChroma - 8));
    out.write(0);
    out.write(0);
    out.write(0x0C | (lengthSize - 1)); // constantFrameRate 0, numTemporalLayers 1, temporalIdNested 1
    out.write(arrays.size());
    for (NalArray array : arrays) {
      out.write((array.complete() ? 0x80 : 0) | array.type());
      out.write(array.units().size() >>> 8);
      out.write(array.units().size());
      for (byte[] unit : array.units()) {
        out.write(unit.length >>> 8);
        out.write(unit.length);
        out.writeBytes(unit);
      }
    }
    return out.toByteArray();
  }

  /** All parameter set units, in array order, as an Annex B stream. */
  public byte[] toAnnexB() {
    List<ByteBuffer> units = new ArrayList<>();
    for (NalArray array : arrays) {
      array.units().forEach(u -> units.add(ByteBuffer.wrap(u)));
    }
    return NalUnits.annexB(units);
  }

  /** The first SPS, parsed: the picture size. */
  public H265Sps firstSps() {
    for (NalArray array : arrays) {
      if (array.type() == H265Sps.NAL_TYPE && !array.units().isEmpty()) {
        return H265Sps.parse(ByteBuffer.wrap(array.units().get(0)));
      }
    }
    throw new InvalidNalException("record has no SPS");
  }

  @Override
  public byte[] profileTierLevel() {
    return profileTierLevel.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HevcDecoderConfigurationRecord r && Arrays.equals(toBytes(), r.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "HevcDecoderConfigurationRecord[lengthSize=" + lengthSize + ", arrays=" + arrays.size() + "]";
  }
}
