package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamNamesTest {

  private final EngineConfig config = EngineConfig.defaults();

  @Test
  void resolvesNamesAndArnsOfThisRegionAndAccount() {
    assertThat(StreamNames.resolve("orders.v1_x-y", config)).isEqualTo("orders.v1_x-y");
    assertThat(StreamNames.resolve("arn:aws:kinesis:us-east-1:000000000000:stream/orders", config)).isEqualTo("orders");
    assertThatThrownBy(() -> StreamNames.resolve("arn:aws:kinesis:us-east-1:111111111111:stream/orders", config))
        .isInstanceOf(StreamNotFoundException.class);
    assertThatThrownBy(() -> StreamNames.resolve("arn:aws:s3:::bucket", config)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> StreamNames.resolve("a/b", config)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> StreamNames.resolve("x".repeat(129), config)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> StreamNames.resolve(null, config)).isInstanceOf(ValidationException.class);
  }
}
