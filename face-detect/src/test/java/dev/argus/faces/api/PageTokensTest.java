package dev.argus.faces.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageTokensTest {

  @Test
  void roundTripsAndIsBoundToItsKind() {
    String token = PageTokens.encode('c', "my.collection-1");
    assertThat(PageTokens.decode('c', token)).isEqualTo("my.collection-1");
    assertThat(PageTokens.decode('c', null)).isNull();
    assertThatThrownBy(() -> PageTokens.decode('f', token)).isInstanceOf(InvalidPaginationTokenException.class);
    assertThatThrownBy(() -> PageTokens.decode('c', "c1.!!!")).isInstanceOf(InvalidPaginationTokenException.class);
    assertThatThrownBy(() -> PageTokens.decode('c', "garbage")).isInstanceOf(InvalidPaginationTokenException.class);
  }
}
