package dev.argus.parser.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.Recorder;
import dev.argus.parser.mkv.TrackInfo;
import dev.argus.parser.nal.InvalidNalException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class H264SpsTest {

  /** The SPS of each capture's CodecPrivate gives the size its TrackEntry states (README: the same). */
  @ParameterizedTest
  @CsvSource({"output_get_media.mkv, 77, 640, 360", "clusters.mkv, 100, 640, 480", "bezos_vogels.mkv, 100, 1280, 720",
      "output-get-media-non-increasing-timecode.mkv, 100, 960, 720"})
  void sizesOfRealCaptures(String capture, int profile, int width, int height) {
    TrackInfo track = Recorder.whole(Recorder.capture(capture), true).stream()
        .filter(MkvEvent.Tracks.class::isInstance).map(e -> ((MkvEvent.Tracks) e).tracks().get(0)).findFirst()
        .orElseThrow();
    H264Sps sps = AvcDecoderConfigurationRecord.parse(track.codecPrivate()).firstSps();
    assertThat(sps.profileIdc()).isEqualTo(profile);
    assertThat(sps.width()).isEqualTo(width).isEqualTo(track.pixelWidth());
    assertThat(sps.height()).isEqualTo(height).isEqualTo(track.pixelHeight());
    assertThat(sps.codedWidth() % 16).isZero();
    assertThat(sps.codedHeight() % 16).isZero();
    assertThat(sps.chromaFormatIdc()).isEqualTo(1);
  }

  @Test
  void croppedBaselineSps() {
    // A public test vector (videojs/mux.js test-sps.js): Baseline 3.0, 720x404 after cropping.
    byte[] sps = HexFormat.of().parseHex("6742c01ed900b435f9e10000030001000003003c0f162e48");
    H264Sps parsed = H264Sps.parse(ByteBuffer.wrap(sps));
    assertThat(parsed.profileIdc()).isEqualTo(66);
    assertThat(parsed.levelIdc()).isEqualTo(30);
    assertThat(parsed.width()).isEqualTo(720);
    assertThat(parsed.height()).isEqualTo(404);
    assertThat(parsed.codedHeight()).isEqualTo(416);
  }

  @Test
  void rejectsOtherUnitsAndCutOffSps() {
    assertThatThrownBy(() -> H264Sps.parse(ByteBuffer.wrap(new byte[] {0x68, 0x01})))
        .isInstanceOf(InvalidNalException.class);
    assertThatThrownBy(() -> H264Sps.parse(ByteBuffer.wrap(new byte[] {0x67, 0x42, 0x00})))
        .isInstanceOf(InvalidNalException.class);
  }
}
