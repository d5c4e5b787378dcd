package dev.argus.fragmentstore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamArnTest {

  @Test
  void roundTripsThroughText() {
    StreamArn arn = new StreamArn("us-east-1", "000000000000", "cam_1.a-b", 1_700_000_000_123L);
    assertThat(arn.toString()).isEqualTo("arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam_1.a-b/1700000000123");
    assertThat(StreamArn.parse("StreamARN", arn.toString())).isEqualTo(arn);
    assertThat(StreamArn.parse("StreamARN", "arn:aws-cn:kinesisvideo:cn-north-1:1:stream/x/5").region())
        .isEqualTo("cn-north-1");
  }

  @Test
  void rejectsMalformedArns() {
    for (String bad : new String[] {"", "arn:aws:kinesis:us-east-1:1:stream/x/5", "arn:aws:kinesisvideo:us-east-1:1:stream/x",
        "arn:aws:kinesisvideo:us-east-1:1:stream/x*/5", "arn:aws:kinesisvideo:US:1:stream/x/5",
        "arn:aws:kinesisvideo:us-east-1:1:stream/x/99999999999999999999"}) {
      assertThatThrownBy(() -> StreamArn.parse("StreamARN", bad)).as(bad)
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("StreamARN");
    }
    assertThatThrownBy(() -> StreamArn.parse("StreamARN", null)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("required");
  }
}
