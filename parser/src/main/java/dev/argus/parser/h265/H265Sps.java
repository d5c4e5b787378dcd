package dev.argus.parser.h265;

import dev.argus.parser.nal.BitReader;
import dev.argus.parser.nal.InvalidNalException;
import dev.argus.parser.nal.NalUnits;
import java.nio.ByteBuffer;

/**
 * What an H.265 sequence parameter set (ITU-T H.265 section 7.3.2.2) says about the picture.
 *
 * @param profileSpace general_profile_space
 * @param tier general_tier_flag (0 Main tier, 1 High tier)
 * @param profileIdc general_profile_idc (1 Main, 2 Main 10, ...)
 * @param compatibilityFlags general_profile_compatibility_flags
 * @param constraintFlags the 48 bits from general_progressive_source_flag on
 * @param levelIdc general_level_idc (30 times the level, e.g. 93 for 3.1)
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLuma luma bit depth
 * @param bitDepthChroma chroma bit depth
 * @param codedWidth pic_width_in_luma_samples
 * @param codedHeight pic_height_in_luma_samples
 * @param width displayed width: coded width less the conformance window
 * @param height displayed height: coded height less the conformance window
 * @param maxSubLayers sps_max_sub_layers_minus1 + 1
 * @param temporalIdNested sps_temporal_id_nesting_flag
 */
public record H265Sps(int profileSpace, int tier, int profileIdc, long compatibilityFlags, long constraintFlags,
    int levelIdc, int chromaFormatIdc, int bitDepthLuma, int bitDepthChroma, int codedWidth, int codedHeight,
    int width, int height, int maxSubLayers, boolean temporalIdNested) {

  /** nal_unit_type of an SPS (VPS is 32, PPS 34). */
  public static final int NAL_TYPE = 33;

  private static final int MAX_SIZE = 1 << 16;

  /** The nal_unit_type of an H.265 NAL unit (its 2-byte header included). */
  public static int nalType(ByteBuffer nal) {
    return (nal.get(nal.position()) >>> 1) & 0x3F;
  }

  /**
   * Parses an SPS NAL unit, its 2-byte header included.
   *
   * @throws InvalidNalException if it is not a well-formed SPS
   */
  public static H265Sps parse(ByteBuffer nal) {
    if (nal.remaining() < 3 || nalType(nal) != NAL_TYPE) {
      throw new InvalidNalException("not an H.265 SPS NAL unit");
    }
    BitReader r = new BitReader(NalUnits.unescape(nal, 2));
    r.skip(4); // sps_video_parameter_set_id
    int maxSubLayersMinus1 = (int) r.bits(3);
    boolean nested = r.flag();
    // profile_tier_level(1, maxSubLayersMinus1), section 7.3.3
    int space = (int) r.bits(2);
    int tier = (int) r.bits(1);
    int profile = (int) r.bits(5);
    long compatibility = r.bits(32);
    long constraints = (r.bits(16) << 32) | r.bits(32);
    int level = (int) r.bits(8);
    boolean[] profilePresent = new boolean[maxSubLayersMinus1];
    boolean[] levelPresent = new boolean[maxSubLayersMinus1];
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      profilePresent[i] = r.flag();
      levelPresent[i] = r.flag();
    }
    if (maxSubLayersMinus1 > 0) {
      r.skip(2L * (8 - maxSubLayersMinus1));
    }
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      r.skip((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
    }
    r.ue("sps_seq_parameter_set_id", 15);
    int chroma = r.ue("chroma_format_idc", 3);
    boolean separate = chroma == 3 && r.flag();
    int codedWidth = r.ue("pic_width_in_luma_samples", MAX_SIZE);
    int codedHeight = r.ue("pic_height_in_luma_samples", MAX_SIZE);
    if (codedWidth == 0 || codedHeight == 0) {
      throw new InvalidNalException("zero picture size");
    }
    int width = codedWidth;
    int height = codedHeight;
    if (r.flag()) { // conformance_window_flag
      int arrayType = separate ? 0 : chroma;
      int subWidth = arrayType == 1 || arrayType == 2 ? 2 : 1;
      int subHeight = arrayType == 1 ? 2 : 1;
      long left = r.ue("conf_win_left_offset", codedWidth);
      long right = r.ue("conf_win_right_offset", codedWidth);
      long top = r.ue("conf_win_top_offset", codedHeight);
      long bottom = r.ue("conf_win_bottom_offset", codedHeight);
      width = (int) (codedWidth - subWidth * (left + right));
      height = (int) (codedHeight - subHeight * (top + bottom));
      if (width <= 0 || height <= 0) {
        throw new InvalidNalException("conformance window leaves no picture");
      }
    }
    int bitDepthLuma = 8 + r.ue("bit_depth_luma_minus8", 8);
    int bitDepthChroma = 8 + r.ue("bit_depth_chroma_minus8", 8);
    return new H265Sps(space, tier, profile, compatibility, constraints, level, chroma, bitDepthLuma, bitDepthChroma,
        codedWidth, codedHeight, width, height, maxSubLayersMinus1 + 1, nested);
  }
}
