package dev.argus.parser.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.Recorder;
import dev.argus.parser.nal.InvalidNalException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AvcDecoderConfigurationRecordTest {

  private static byte[] codecPrivate(String capture) {
    return Recorder.whole(Recorder.capture(capture), true).stream().filter(MkvEvent.Tracks.class::isInstance)
        .map(e -> ((MkvEvent.Tracks) e).tracks().get(0).codecPrivate()).findFirst().orElseThrow();
  }

  @Test
  void parsesAndRebuildsARealRecord() {
    byte[] original = codecPrivate("output_get_media.mkv");
    AvcDecoderConfigurationRecord record = AvcDecoderConfigurationRecord.parse(original);
    assertThat(record.lengthSize()).isEqualTo(4);
    assertThat(record.sps()).hasSize(1);
    assertThat(record.pps()).hasSize(1);
    assertThat(record.profileIdc()).isEqualTo(77);
    // This producer left the reserved bits zero; ours writes them as ones, so compare parsed values.
    assertThat(AvcDecoderConfigurationRecord.parse(record.toBytes())).isEqualTo(record);
    assertThat(Arrays.copyOfRange(record.toBytes(), 6, original.length))
        .isEqualTo(Arrays.copyOfRange(original, 6, original.length));
    AvcDecoderConfigurationRecord rebuilt = AvcDecoderConfigurationRecord.of(record.sps().get(0), record.pps().get(0));
    assertThat(rebuilt).isEqualTo(record);
  }

  @Test
  void annexBRoundTrip() {
    AvcDecoderConfigurationRecord record = AvcDecoderConfigurationRecord.parse(codecPrivate("bezos_vogels.mkv"));
    byte[] annexB = record.toAnnexB();
    assertThat(Arrays.copyOf(annexB, 5)).containsExactly(0, 0, 0, 1, 0x67);
    AvcDecoderConfigurationRecord back = AvcDecoderConfigurationRecord.fromAnnexB(ByteBuffer.wrap(annexB));
    assertThat(back.sps().get(0)).isEqualTo(record.sps().get(0));
    assertThat(back.pps().get(0)).isEqualTo(record.pps().get(0));
    assertThat(back.firstSps().width()).isEqualTo(1280);
  }

  @Test
  void rejectsBrokenRecords() {
    byte[] original = codecPrivate("output_get_media.mkv");
    assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(Arrays.copyOf(original, original.length - 3)))
        .isInstanceOf(InvalidNalException.class);
    byte[] badVersion = original.clone();
    badVersion[0] = 2;
    assertThatThrownBy(() -> AvcDecoderConfigurationRecord.parse(badVersion)).isInstanceOf(InvalidNalException.class);
    assertThatThrownBy(() -> AvcDecoderConfigurationRecord.fromAnnexB(ByteBuffer.wrap(new byte[] {0, 0, 1, 0x65})))
        .isInstanceOf(InvalidNalException.class);
  }
}
