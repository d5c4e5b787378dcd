package dev.argus.parser.h264;

import dev.argus.parser.nal.BitReader;
import dev.argus.parser.nal.InvalidNalException;
import dev.argus.parser.nal.NalUnits;
import java.nio.ByteBuffer;

/**
 * What an H.264 sequence parameter set (ITU-T H.264 section 7.3.2.1.1) says about the picture.
 *
 * @param profileIdc profile_idc (66 Baseline, 77 Main, 100 High, ...)
 * @param constraintFlags the constraint_set flags byte
 * @param levelIdc level_idc (e.g. 31 for level 3.1)
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param bitDepthLuma luma bit depth
 * @param codedWidth width in luma samples of the decoded macroblocks (multiple of 16)
 * @param codedHeight height in luma samples of the decoded macroblocks
 * @param width displayed width: coded width less the frame cropping
 * @param height displayed height: coded height less the frame cropping
 * @param frameMbsOnly frame_mbs_only_flag (false: the stream may hold fields)
 */
public record H264Sps(int profileIdc, int constraintFlags, int levelIdc, int chromaFormatIdc, int bitDepthLuma,
    int codedWidth, int codedHeight, int width, int height, boolean frameMbsOnly) {

  /** nal_unit_type of an SPS. */
  public static final int NAL_TYPE = 7;

  private static final int MAX_MBS = 1 << 16;

  /**
   * Parses an SPS NAL unit, header byte included.
   *
   * @throws InvalidNalException if it is not a well-formed SPS
   */
  public static H264Sps parse(ByteBuffer nal) {
    if (!nal.hasRemaining() || (nal.get(nal.position()) & 0x1F) != NAL_TYPE) {
      throw new InvalidNalException("not an H.264 SPS NAL unit");
    }
    BitReader r = new BitReader(NalUnits.unescape(nal, 1));
    int profile = (int) r.bits(8);
    int constraints = (int) r.bits(8);
    int level = (int) r.bits(8);
    r.ue("seq_parameter_set_id", 31);
    int chroma = 1;
    int bitDepth = 8;
    boolean separateColourPlane = false;
    if (hasChromaInfo(profile)) {
      chroma = r.ue("chroma_format_idc", 3);
      if (chroma == 3) {
        separateColourPlane = r.flag();
      }
      bitDepth = 8 + r.ue("bit_depth_luma_minus8", 6);
      r.ue("bit_depth_chroma_minus8", 6);
      r.skip(1); // qpprime_y_zero_transform_bypass_flag
      if (r.flag()) { // seq_scaling_matrix_present_flag
        for (int i = 0; i < (chroma != 3 ? 8 : 12); i++) {
          if (r.flag()) {
            skipScalingList(r, i < 6 ? 16 : 64);
          }
        }
      }
    }
    r.ue("log2_max_frame_num_minus4", 12);
    int pocType = r.ue("pic_order_cnt_type", 2);
    if (pocType == 0) {
      r.ue("log2_max_pic_order_cnt_lsb_minus4", 12);
    } else if (pocType == 1) {
      r.skip(1);
      r.se();
      r.se();
      int cycle = r.ue("num_ref_frames_in_pic_order_cnt_cycle", 255);
      for (int i = 0; i < cycle; i++) {
        r.se();
      }
    }
    r.ue("max_num_ref_frames", 16);
    r.skip(1); // gaps_in_frame_num_value_allowed_flag
    int widthMbs = r.ue("pic_width_in_mbs_minus1", MAX_MBS) + 1;
    int heightMapUnits = r.ue("pic_height_in_map_units_minus1", MAX_MBS) + 1;
    boolean frameMbsOnly = r.flag();
    if (!frameMbsOnly) {
      r.skip(1); // mb_adaptive_frame_field_flag
    }
    r.skip(1); // direct_8x8_inference_flag
    int codedWidth = widthMbs * 16;
    int codedHeight = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
    int width = codedWidth;
    int height = codedHeight;
    if (r.flag()) { // frame_cropping_flag, section 7.4.2.1.1
      int arrayType = separateColourPlane ? 0 : chroma;
      int cropX = arrayType == 0 ? 1 : (arrayType == 3 ? 1 : 2);
      int cropY = (arrayType == 0 ? 1 : (arrayType == 1 ? 2 : 1)) * (frameMbsOnly ? 1 : 2);
      long left = r.ue("frame_crop_left_offset", codedWidth);
      long right = r.ue("frame_crop_right_offset", codedWidth);
      long top = r.ue("frame_crop_top_offset", codedHeight);
      long bottom = r.ue("frame_crop_bottom_offset", codedHeight);
      width = (int) (codedWidth - cropX * (left + right));
      height = (int) (codedHeight - cropY * (top + bottom));
      if (width <= 0 || height <= 0) {
        throw new InvalidNalException("cropping leaves no picture");
      }
    }
    return new H264Sps(profile, constraints, level, chroma, bitDepth, codedWidth, codedHeight, width, height,
        frameMbsOnly);
  }

  private static boolean hasChromaInfo(int profile) {
    return switch (profile) {
      case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
      default -> false;
    };
  }

  private static void skipScalingList(BitReader r, int size) {
    long last = 8;
    long next = 8;
    for (int j = 0; j < size; j++) {
      if (next != 0) {
        next = (last + r.se() + 256) % 256;
      }
      last = next == 0 ? last : next;
    }
  }
}
