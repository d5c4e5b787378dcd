package dev.argus.parser.h265;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.parser.nal.InvalidNalException;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class H265SpsTest {

  /** Camera SPS units published as test vectors (AlexxIT/go2rtc pkg/h265), with their sizes. */
  static final String SPS_5120X1440 = "QgEBAWAAAAMAAAMAAAMAAAMAmaAAoAgBaH+KrTuiS7/8AAQABbAgApMuADN/mAE=";
  static final String SPS_640X360 = "QgEBIUAAAAMAkAAAAwAAAwCWoAUCAWlnpbkShc1AQIC4QAAAAwBAAAAFFEn/eEAOpgAV+V8IBBA=";

  @ParameterizedTest
  @CsvSource({SPS_5120X1440 + ", 5120, 1440", SPS_640X360 + ", 640, 360"})
  void sizesOfCameraSps(String base64, int width, int height) {
    H265Sps sps = H265Sps.parse(ByteBuffer.wrap(Base64.getDecoder().decode(base64)));
    assertThat(sps.width()).isEqualTo(width);
    assertThat(sps.height()).isEqualTo(height);
    assertThat(sps.profileIdc()).isEqualTo(1);
    assertThat(sps.chromaFormatIdc()).isEqualTo(1);
    assertThat(sps.bitDepthLuma()).isEqualTo(8);
  }

  @Test
  void rejectsOtherUnits() {
    assertThatThrownBy(() -> H265Sps.parse(ByteBuffer.wrap(new byte[] {0x40, 0x01, 0x0c})))
        .isInstanceOf(InvalidNalException.class);
    byte[] sps = Base64.getDecoder().decode(SPS_640X360);
    assertThatThrownBy(() -> H265Sps.parse(ByteBuffer.wrap(sps, 0, 12))).isInstanceOf(InvalidNalException.class);
  }
}
