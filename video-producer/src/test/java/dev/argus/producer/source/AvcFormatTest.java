package dev.argus.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AvcFormatTest {

  private static final byte[] SPS = {0x67, 0x64, 0x00, 0x1f, (byte) 0xac, (byte) 0xd9, 0x40};
  private static final byte[] PPS = {0x68, (byte) 0xeb, (byte) 0xe3, (byte) 0xcb};
  private static final byte[] IDR = {0x65, (byte) 0x88, (byte) 0x84, 0x00, 0x00, 0x03, 0x01}; // ends in its stop bit

  @Test
  void splitsThreeAndFourByteStartCodes() {
    byte[] stream = concat(new byte[] {0, 0, 0, 1}, SPS, new byte[] {0, 0, 1}, PPS, new byte[] {0, 0, 0, 1}, IDR);
    assertThat(AvcFormat.isAnnexB(stream)).isTrue();
    assertThat(AvcFormat.splitAnnexB(stream)).containsExactly(SPS, PPS, IDR);
  }

  @Test
  void avccSampleHasFourByteLengths() {
    byte[] sample = AvcFormat.toAvcc(List.of(SPS, IDR));
    assertThat(sample).startsWith(0, 0, 0, SPS.length);
    assertThat(sample).hasSize(8 + SPS.length + IDR.length);
    assertThat(AvcFormat.isAnnexB(sample)).isFalse();
  }

  @Test
  void decoderConfigurationFollows14496_15() {
    byte[] stream = concat(new byte[] {0, 0, 0, 1}, SPS, new byte[] {0, 0, 0, 1}, PPS);
    byte[] config = AvcFormat.configurationFromAnnexB(stream);
    assertThat(config).startsWith(1, 0x64, 0x00, 0x1f, 0xff, 0xe1, 0, SPS.length);
    assertThat(config[8 + SPS.length]).isEqualTo((byte) 1);
    assertThat(config).hasSize(6 + 2 + SPS.length + 1 + 2 + PPS.length);
    assertThat(AvcFormat.configurationFromAnnexB(concat(new byte[] {0, 0, 1}, IDR))).isNull();
  }

  @Test
  void randomNalSequencesSurviveTheRoundTrip() {
    Random random = new Random(5);
    for (int round = 0; round < 200; round++) {
      List<byte[]> units = new ArrayList<>();
      java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
      for (int n = 1 + random.nextInt(5); n > 0; n--) {
        byte[] unit = new byte[1 + random.nextInt(100)];
        random.nextBytes(unit);
        unit[0] = (byte) (1 + random.nextInt(23)); // a real NAL header is never zero
        for (int i = 1; i < unit.length; i++) {
          if (unit[i] == 0) {
            unit[i] = 7; // emulation prevention keeps start codes out of NAL payloads
          }
        }
        units.add(unit);
        stream.writeBytes(random.nextBoolean() ? new byte[] {0, 0, 1} : new byte[] {0, 0, 0, 1});
        stream.writeBytes(unit);
      }
      assertThat(AvcFormat.splitAnnexB(stream.toByteArray())).containsExactlyElementsOf(units);
    }
  }

  @Test
  void avccSamplesSplitBackIntoTheirUnitsAndBadLengthsAreRejected() {
    assertThat(AvcFormat.splitAvcc(AvcFormat.toAvcc(List.of(SPS, PPS, IDR)))).containsExactly(SPS, PPS, IDR);
    assertThatThrownBy(() -> AvcFormat.splitAvcc(new byte[] {0, 0, 0, 9, 1, 2})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AvcFormat.splitAvcc(new byte[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsMissingParameterSets() {
    assertThatThrownBy(() -> AvcFormat.decoderConfiguration(List.of(), List.of(PPS)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
