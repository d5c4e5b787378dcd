package dev.argus.parser.ebml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VintTest {

  @Test
  void lengthsFromTheFirstByte() {
    assertThat(Vint.length(0x80)).isEqualTo(1);
    assertThat(Vint.length(0x40)).isEqualTo(2);
    assertThat(Vint.length(0x1A)).isEqualTo(4);
    assertThat(Vint.length(0x01)).isEqualTo(8);
    assertThat(Vint.length(0x00)).isZero();
    assertThat(Vint.length((byte) 0xFF)).isEqualTo(1);
  }

  @Test
  void idsKeepTheirMarker() {
    ByteBuffer b = ByteBuffer.wrap(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3});
    assertThat(Vint.readId(b, 0, 4)).isEqualTo(EbmlIds.EBML);
    assertThat(Vint.idLength(EbmlIds.EBML)).isEqualTo(4);
    assertThat(Vint.idLength(0xA3)).isEqualTo(1);
    assertThat(Vint.idLength(0x4286)).isEqualTo(2);
    assertThat(Vint.idLength(0x2AD7B1)).isEqualTo(3);
  }

  @Test
  void allOnesIsUnknownSize() {
    assertThat(Vint.readSize(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), 0, 1)).isEqualTo(Vint.UNKNOWN_SIZE);
    assertThat(Vint.readSize(ByteBuffer.wrap(new byte[] {0x01, -1, -1, -1, -1, -1, -1, -1}), 0, 8))
        .isEqualTo(Vint.UNKNOWN_SIZE);
    assertThat(Vint.readSize(ByteBuffer.wrap(new byte[] {0x7F, -1}), 0, 2)).isEqualTo(Vint.UNKNOWN_SIZE);
    assertThat(Vint.readSize(ByteBuffer.wrap(new byte[] {(byte) 0xFE}), 0, 1)).isEqualTo(126);
  }

  @Test
  void sizesRoundTripAtEveryLength() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      long size = random.nextLong() >>> (8 + random.nextInt(56));
      if (size > (1L << 56) - 2) {
        continue;
      }
      int length = Vint.sizeLength(size);
      for (int l = length; l <= 8; l++) {
        ByteBuffer b = ByteBuffer.allocate(8);
        Vint.putSize(b, size, l);
        assertThat(b.position()).isEqualTo(l);
        assertThat(Vint.length(b.get(0))).isEqualTo(l);
        assertThat(Vint.readSize(b, 0, l)).isEqualTo(size);
      }
    }
    assertThat(Vint.sizeLength(126)).isEqualTo(1);
    assertThat(Vint.sizeLength(127)).isEqualTo(2);
    assertThatThrownBy(() -> Vint.sizeLength(-2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Vint.putSize(ByteBuffer.allocate(8), 300, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownSizeWritesAllOnes() {
    ByteBuffer b = ByteBuffer.allocate(8);
    Vint.putUnknownSize(b, 8);
    assertThat(Vint.readSize(b, 0, 8)).isEqualTo(Vint.UNKNOWN_SIZE);
    assertThat(b.get(0)).isEqualTo((byte) 0x01);
  }
}
