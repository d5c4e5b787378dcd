package dev.argus.awshttp.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventStreamMessageTest {

  @Test
  void encodesTheDocumentedLayout() {
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] frame = EventStreamMessage.event("initial-response", "application/json", payload).encode();
    ByteBuffer in = ByteBuffer.wrap(frame);
    int total = in.getInt();
    int headersLength = in.getInt();
    assertThat(total).isEqualTo(frame.length);
    // three string headers: 1 + name + 1 + 2 + value each
    int expectedHeaders = (1 + 13 + 3 + 5) + (1 + 11 + 3 + 16) + (1 + 13 + 3 + 16);
    assertThat(headersLength).isEqualTo(expectedHeaders);
    assertThat(total).isEqualTo(16 + expectedHeaders + payload.length);
    CRC32 prelude = new CRC32();
    prelude.update(frame, 0, 8);
    assertThat(in.getInt()).isEqualTo((int) prelude.getValue());
    assertThat(frame[12]).isEqualTo((byte) 13); // ":message-type".length
    assertThat(new String(frame, 13, 13, StandardCharsets.UTF_8)).isEqualTo(":message-type");
    assertThat(frame[26]).isEqualTo((byte) 7);
    CRC32 message = new CRC32();
    message.update(frame, 0, frame.length - 4);
    assertThat(ByteBuffer.wrap(frame, frame.length - 4, 4).getInt()).isEqualTo((int) message.getValue());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void roundTripsRandomMessages(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 50; i++) {
      byte[] payload = new byte[random.nextInt(5000)];
      random.nextBytes(payload);
      EventStreamMessage message = random.nextBoolean()
          ? EventStreamMessage.event("SubscribeToShardEvent", "application/x-amz-cbor-1.1", payload)
          : EventStreamMessage.exception("ResourceNotFoundException", "application/json", payload);
      EventStreamMessage decoded = EventStreamMessage.decode(message.encode());
      assertThat(decoded.headers()).containsExactlyEntriesOf(message.headers());
      assertThat(decoded.payload()).isEqualTo(payload);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8, 9})
  void corruptedFramesAreRejectedWithTheTypedError(long seed) {
    Random random = new Random(seed);
    byte[] good = EventStreamMessage.event("SubscribeToShardEvent", "application/json",
        "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)).encode();
    for (int i = 0; i < 200; i++) {
      byte[] bad = good.clone();
      bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
      assertThatThrownBy(() -> EventStreamMessage.decode(bad)).isInstanceOf(MalformedEventStreamException.class);
    }
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = java.util.Arrays.copyOf(good, cut);
      assertThatThrownBy(() -> EventStreamMessage.decode(truncated)).isInstanceOf(MalformedEventStreamException.class);
    }
  }

  @Test
  void rejectsOversizedHeaderNames() {
    assertThatThrownBy(() -> new EventStreamMessage(Map.of("x".repeat(256), "v"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
