package dev.argus.fragmentstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class DataEndpointTest {

  @Test
  void echoesHostAndPort() {
    assertThat(DataEndpoint.fromHost("127.0.0.1:4566")).isEqualTo("http://127.0.0.1:4566");
    assertThat(DataEndpoint.fromHost("argus.local")).isEqualTo("http://argus.local");
    assertThat(DataEndpoint.fromHost("[::1]:8080")).isEqualTo("http://[::1]:8080");
  }

  @Test
  void refusesMissingOrForgedHosts() {
    for (String bad : new String[] {null, "", "evil.com/path", "a b", "host:port", "user@host", "h:123456"}) {
      assertThatThrownBy(() -> DataEndpoint.fromHost(bad)).as(String.valueOf(bad))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Host");
    }
  }

  @Test
  void apiNames() {
    assertThat(DataEndpoint.ApiName.parse("GET_CLIP")).isEqualTo(DataEndpoint.ApiName.GET_CLIP);
    assertThatThrownBy(() -> DataEndpoint.ApiName.parse("get_clip")).isInstanceOf(InvalidArgumentException.class);
  }
}
