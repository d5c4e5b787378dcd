package dev.argus.parser.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VideoCodecTest {

  @Test
  void mapsMatroskaCodecIdsBothWays() {
    assertThat(VideoCodec.fromMatroskaCodecId("V_MPEG4/ISO/AVC")).contains(VideoCodec.H264);
    assertThat(VideoCodec.fromMatroskaCodecId("V_MPEGH/ISO/HEVC")).contains(VideoCodec.H265);
    for (VideoCodec codec : VideoCodec.values()) {
      assertThat(VideoCodec.fromMatroskaCodecId(codec.matroskaCodecId())).contains(codec);
    }
  }

  @Test
  void unknownCodecIdsHaveNoDecoder() {
    assertThat(VideoCodec.fromMatroskaCodecId("V_MS/VFW/FOURCC")).isEmpty();
    assertThat(VideoCodec.fromMatroskaCodecId("v_mpeg4/iso/avc")).isEmpty();
    assertThat(VideoCodec.fromMatroskaCodecId("")).isEmpty();
  }
}
