package dev.argus.fragmentstore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PageTokenTest {

  @Test
  void roundTripsWithinTheApiAlphabet() {
    PageToken token = new PageToken("streams", "a".repeat(256));
    String wire = token.encode();
    assertThat(wire).matches("[a-zA-Z0-9+/=]*").hasSizeLessThanOrEqualTo(PageToken.MAX_LENGTH);
    assertThat(PageToken.parse(wire, "streams")).isEqualTo(token);
    assertThat(PageToken.parse(null, "streams")).isNull();
    assertThat(PageToken.parse("", "streams")).isNull();
  }

  @Test
  void rejectsForeignAndGarbageTokens() {
    String tags = new PageToken("tags", "k").encode();
    assertThatThrownBy(() -> PageToken.parse(tags, "streams")).isInstanceOf(InvalidArgumentException.class);
    String v2 = Base64.getEncoder().encodeToString("2:streams:a".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> PageToken.parse(v2, "streams")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> PageToken.parse("x".repeat(513), "streams"))
        .isInstanceOf(InvalidArgumentException.class);
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      byte[] junk = new byte[random.nextInt(40)];
      random.nextBytes(junk);
      String text = random.nextBoolean() ? Base64.getEncoder().encodeToString(junk)
          : new String(junk, StandardCharsets.ISO_8859_1);
      if (text.isEmpty()) {
        continue;
      }
      assertThatThrownBy(() -> PageToken.parse(text, "streams")).isInstanceOf(InvalidArgumentException.class);
    }
  }
}
