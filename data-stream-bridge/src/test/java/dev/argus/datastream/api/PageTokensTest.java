package dev.argus.datastream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.datastream.engine.InvalidArgumentException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PageTokensTest {

  @Test
  void roundTripsFieldsEmptyOnesIncluded() {
    assertThat(PageTokens.decode(PageTokens.encode("s", "shardId-000000000001", ""), 3))
        .containsExactly("s", "shardId-000000000001", "");
  }

  @Test
  void rejectsGarbageAndWrongArity() {
    String token = PageTokens.encode("a", "b");
    assertThatThrownBy(() -> PageTokens.decode(token, 3)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> PageTokens.decode("!!!", 1)).isInstanceOf(InvalidArgumentException.class);
    Random random = new Random(1);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[random.nextInt(40)];
      random.nextBytes(bytes);
      String garbage = java.util.Base64.getUrlEncoder().encodeToString(bytes);
      assertThatThrownBy(() -> PageTokens.decode(garbage, 1)).isInstanceOf(InvalidArgumentException.class);
    }
    assertThat(List.of(token)).hasSize(1);
  }
}
