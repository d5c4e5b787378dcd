package dev.argus.parser.decode;

import java.util.Optional;

/**
 * The video codecs the decoders know, with their Matroska CodecID and the layout of their
 * CodecPrivate.
 */
public enum VideoCodec {
  /** H.264/AVC; CodecPrivate is an AVCDecoderConfigurationRecord ("avcC", ISO/IEC 14496-15 5.3.3). */
  H264("V_MPEG4/ISO/AVC"),
  /** H.265/HEVC; CodecPrivate is an HEVCDecoderConfigurationRecord ("hvcC", ISO/IEC 14496-15 8.3.3). */
  H265("V_MPEGH/ISO/HEVC");

  private final String matroskaCodecId;

  VideoCodec(String matroskaCodecId) {
    this.matroskaCodecId = matroskaCodecId;
  }

  /** The Matroska CodecID of a track in this codec, e.g. {@code V_MPEG4/ISO/AVC}. */
  public String matroskaCodecId() {
    return matroskaCodecId;
  }

  /** The codec of a Matroska track's CodecID, or empty when no decoder here knows it. */
  public static Optional<VideoCodec> fromMatroskaCodecId(String codecId) {
    for (VideoCodec codec : values()) {
      if (codec.matroskaCodecId.equals(codecId)) {
        return Optional.of(codec);
      }
    }
    return Optional.empty();
  }
}
