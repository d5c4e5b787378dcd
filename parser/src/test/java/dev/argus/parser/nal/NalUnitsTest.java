package dev.argus.parser.nal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NalUnitsTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static List<String> hexes(List<ByteBuffer> units) {
    return units.stream().map(u -> HexFormat.of().formatHex(NalUnits.bytes(u))).toList();
  }

  @Test
  void splitsAnnexBOnThreeAndFourByteStartCodes() {
    byte[] stream = hex("ff 00000001 6742 000001 68ce 0000 00000001 6588 00");
    assertThat(hexes(NalUnits.splitAnnexB(ByteBuffer.wrap(stream)))).containsExactly("6742", "68ce", "6588");
  }

  @Test
  void convertsBetweenFramings() {
    byte[] annexB = hex("00000001 6742 00000001 68ce 00000001 6588aa");
    byte[] avcc = NalUnits.annexBToLengthPrefixed(ByteBuffer.wrap(annexB), 4);
    assertThat(avcc).isEqualTo(hex("00000002 6742 00000002 68ce 00000003 6588aa"));
    assertThat(NalUnits.lengthPrefixedToAnnexB(ByteBuffer.wrap(avcc), 4)).isEqualTo(annexB);
    byte[] twoByte = NalUnits.annexBToLengthPrefixed(ByteBuffer.wrap(annexB), 2);
    assertThat(twoByte).isEqualTo(hex("0002 6742 0002 68ce 0003 6588aa"));
    assertThat(NalUnits.lengthPrefixedToAnnexB(ByteBuffer.wrap(twoByte), 2)).isEqualTo(annexB);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void roundTripsRandomUnits(int lengthSize) {
    Random random = new Random(lengthSize);
    for (int round = 0; round < 50; round++) {
      List<ByteBuffer> units = new ArrayList<>();
      for (int n = 1 + random.nextInt(5); n > 0; n--) {
        // Units as an encoder makes them: no 00 00 0x inside (emulation prevention) and no trailing zero.
        byte[] unit = new byte[1 + random.nextInt(lengthSize == 1 ? 200 : 2000)];
        for (int i = 0; i < unit.length; i++) {
          unit[i] = (byte) (1 + random.nextInt(255));
        }
        units.add(ByteBuffer.wrap(unit));
      }
      byte[] prefixed = NalUnits.lengthPrefixed(units, lengthSize);
      assertThat(hexes(NalUnits.splitLengthPrefixed(ByteBuffer.wrap(prefixed), lengthSize))).isEqualTo(hexes(units));
      byte[] annexB = NalUnits.annexB(units);
      assertThat(NalUnits.annexBToLengthPrefixed(ByteBuffer.wrap(annexB), lengthSize)).isEqualTo(prefixed);
    }
  }

  @Test
  void rejectsOverrunningLengths() {
    assertThatThrownBy(() -> NalUnits.splitLengthPrefixed(ByteBuffer.wrap(hex("00000005 6742")), 4))
        .isInstanceOf(InvalidNalException.class);
    assertThatThrownBy(() -> NalUnits.splitLengthPrefixed(ByteBuffer.wrap(hex("0000")), 4))
        .isInstanceOf(InvalidNalException.class);
    assertThatThrownBy(() -> NalUnits.lengthPrefixed(List.of(ByteBuffer.allocate(300)), 1))
        .isInstanceOf(InvalidNalException.class);
    assertThatThrownBy(() -> NalUnits.splitLengthPrefixed(ByteBuffer.allocate(1), 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unescapeDropsEmulationPreventionBytes() {
    assertThat(NalUnits.unescape(ByteBuffer.wrap(hex("67 0000 03 01 0000 03 00 03")), 1))
        .isEqualTo(hex("0000 01 0000 00 03"));
  }
}
