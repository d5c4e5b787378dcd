package dev.argus.fragmentstore.fragment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FragmentNumberTest {

  @Test
  void wireFormIs47DigitsWithItsFieldsInPlace() {
    FragmentNumber number = new FragmentNumber(1_519_423_069_070L, 1_700_000_000_123L, 42);
    String text = number.toString();
    assertThat(text).hasSize(FragmentNumber.LENGTH).matches("[0-9]{47}").startsWith("1");
    assertThat(text.substring(1, 14)).isEqualTo("1519423069070");
    assertThat(text.substring(14, 27)).isEqualTo("1700000000123");
    assertThat(text.substring(27)).isEqualTo("00000000000000000042");
    assertThat(FragmentNumber.parse(text)).isEqualTo(number);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void roundTripsAndOrdersInIngestOrder(long seed) {
    Random random = new Random(seed);
    long epoch = random.nextInt(1_000_000_000);
    long server = 1_600_000_000_000L;
    List<FragmentNumber> ingest = new ArrayList<>();
    for (long offset = 0; offset < 500; offset++) {
      server += random.nextInt(3); // non-decreasing, often equal
      ingest.add(new FragmentNumber(server, epoch, offset * (1 + random.nextInt(1000))));
    }
    for (int i = 1; i < ingest.size(); i++) {
      FragmentNumber before = ingest.get(i - 1);
      FragmentNumber after = ingest.get(i);
      if (after.offset() <= before.offset()) {
        continue;
      }
      assertThat(after).isGreaterThan(before);
      assertThat(new BigInteger(after.toString())).isGreaterThan(new BigInteger(before.toString()));
      assertThat(FragmentNumber.parse(after.toString())).isEqualTo(after);
    }
  }

  @Test
  void extremesRoundTrip() {
    FragmentNumber max = new FragmentNumber(FragmentNumber.MAX_MILLIS, FragmentNumber.MAX_MILLIS, Long.MAX_VALUE);
    assertThat(FragmentNumber.parse(max.toString())).isEqualTo(max);
    assertThat(FragmentNumber.parse(new FragmentNumber(0, 0, 0).toString())).isEqualTo(new FragmentNumber(0, 0, 0));
  }

  @Test
  void rejectsWhatItNeverIssued() {
    String good = new FragmentNumber(5, 6, 7).toString();
    for (String bad : new String[] {null, "", "123", good + "0", "2" + good.substring(1), good.substring(0, 46) + "x",
        "91343852333181432392682062609776234230823574155", "1" + "0".repeat(26) + "99999999999999999999"}) {
      assertThatThrownBy(() -> FragmentNumber.parse(bad)).isInstanceOf(MalformedFragmentNumberException.class);
    }
  }

  @Test
  void randomGarbageIsRejectedCleanly() {
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      char[] chars = new char[random.nextInt(60)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = (char) ('0' + random.nextInt(12) - 1);
      }
      String text = new String(chars);
      try {
        assertThat(FragmentNumber.parse(text).toString()).isEqualTo(text);
      } catch (MalformedFragmentNumberException expected) {
        assertThat(expected).hasMessageContaining("not a fragment number");
      }
    }
  }

  @Test
  void rejectsOutOfRangeFields() {
    assertThatThrownBy(() -> new FragmentNumber(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FragmentNumber(0, FragmentNumber.MAX_MILLIS + 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FragmentNumber(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
