package dev.argus.parser.h265;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.parser.nal.InvalidNalException;
import dev.argus.parser.nal.NalUnits;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class HevcDecoderConfigurationRecordTest {

  private static final byte[] VPS = {0x40, 0x01, 0x0c, 0x01, (byte) 0xff, (byte) 0xff};
  private static final byte[] PPS = {0x44, 0x01, (byte) 0xc1, 0x72, (byte) 0xb4, 0x62, 0x40};

  @Test
  void buildsParsesAndConvertsARecord() {
    byte[] sps = Base64.getDecoder().decode(H265SpsTest.SPS_640X360);
    HevcDecoderConfigurationRecord record = HevcDecoderConfigurationRecord.of(VPS, sps, PPS);
    byte[] bytes = record.toBytes();
    HevcDecoderConfigurationRecord parsed = HevcDecoderConfigurationRecord.parse(bytes);
    assertThat(parsed).isEqualTo(record);
    assertThat(parsed.toBytes()).isEqualTo(bytes);
    assertThat(parsed.lengthSize()).isEqualTo(4);
    assertThat(parsed.arrays()).extracting(HevcDecoderConfigurationRecord.NalArray::type).containsExactly(32, 33, 34);
    assertThat(parsed.firstSps().width()).isEqualTo(640);
    // The profile byte is the SPS's general profile: this camera says High tier (1), Main (1).
    H265Sps parsedSps = H265Sps.parse(ByteBuffer.wrap(sps));
    assertThat(parsedSps.tier()).isEqualTo(1);
    assertThat(parsed.profileTierLevel()[0]).isEqualTo((byte) 0x21);
    assertThat(parsed.profileTierLevel()[11]).isEqualTo((byte) parsedSps.levelIdc());

    byte[] annexB = record.toAnnexB();
    assertThat(NalUnits.splitAnnexB(ByteBuffer.wrap(annexB))).hasSize(3);
    assertThat(HevcDecoderConfigurationRecord.fromAnnexB(ByteBuffer.wrap(annexB))).isEqualTo(record);
    assertThat(parsed.arrays().get(1).units()).singleElement().isEqualTo(sps);
  }

  @Test
  void rejectsBrokenRecords() {
    byte[] sps = Base64.getDecoder().decode(H265SpsTest.SPS_640X360);
    byte[] bytes = HevcDecoderConfigurationRecord.of(VPS, sps, PPS).toBytes();
    assertThatThrownBy(() -> HevcDecoderConfigurationRecord.parse(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(InvalidNalException.class);
    assertThatThrownBy(() -> HevcDecoderConfigurationRecord.fromAnnexB(ByteBuffer.wrap(NalUnits.annexB(
        List.of(ByteBuffer.wrap(VPS)))))).isInstanceOf(InvalidNalException.class);
  }
}
