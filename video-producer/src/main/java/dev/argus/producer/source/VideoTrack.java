package dev.argus.producer.source;

import java.util.Objects;

/**
 * The video track as it goes into the MKV Tracks element.
 *
 * @param codecId the Matroska CodecID: {@code V_MPEG4/ISO/AVC} or {@code V_MPEGH/ISO/HEVC}
 * @param codecPrivate AVCDecoderConfigurationRecord (or HEVCDecoderConfigurationRecord)
 * @param width pixels
 * @param height pixels
 */
public record VideoTrack(String codecId, byte[] codecPrivate, int width, int height) {

  public static final String H264 = "V_MPEG4/ISO/AVC";
  public static final String H265 = "V_MPEGH/ISO/HEVC";

  public VideoTrack {
    Objects.requireNonNull(codecId, "codecId");
    Objects.requireNonNull(codecPrivate, "codecPrivate");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("bad size " + width + "x" + height);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VideoTrack t && t.codecId.equals(codecId) && java.util.Arrays.equals(t.codecPrivate, codecPrivate)
        && t.width == width && t.height == height;
  }

  @Override
  public int hashCode() {
    return Objects.hash(codecId, width, height, java.util.Arrays.hashCode(codecPrivate));
  }

  @Override
  public String toString() {
    return "VideoTrack[" + codecId + " " + width + "x" + height + ", codecPrivate " + codecPrivate.length + " bytes]";
  }
}
