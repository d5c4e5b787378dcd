package dev.argus.parser.nal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BitReaderTest {

  @Test
  void readsBitsAndExpGolombCodes() {
    // 1 | 010 | 011 | 00100 | 00101 | 101 -> ue 0, ue 1, ue 2, ue 3, se of ue 4 = -2, then bits 101
    BitReader r = new BitReader(new byte[] {(byte) 0b1010_0110, (byte) 0b0100_0010, (byte) 0b1101_0000});
    assertThat(r.ue()).isZero();
    assertThat(r.ue()).isEqualTo(1);
    assertThat(r.ue()).isEqualTo(2);
    assertThat(r.ue()).isEqualTo(3);
    assertThat(r.se()).isEqualTo(-2);
    assertThat(r.bits(3)).isEqualTo(0b101);
    assertThatThrownBy(() -> r.bits(8)).isInstanceOf(InvalidNalException.class);
  }

  @Test
  void refusesEndlessCodesAndOutOfRangeValues() {
    assertThatThrownBy(() -> new BitReader(new byte[8]).ue()).isInstanceOf(InvalidNalException.class);
    assertThatThrownBy(() -> new BitReader(new byte[] {0b0001_0000}).ue("x", 3))
        .isInstanceOf(InvalidNalException.class);
    assertThat(new BitReader(new byte[] {(byte) 0xFF, 0x00}).bits(12)).isEqualTo(0xFF0);
  }
}
