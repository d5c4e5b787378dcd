package dev.argus.producer.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckReaderTest {

  private static final String STREAM = String.join("\n",
      "{\"EventType\":\"BUFFERING\",\"FragmentTimecode\":1764000000000,\"FragmentNumber\":\"91343852333181432392682062609776234230823574155\"}",
      "{\"EventType\":\"RECEIVED\",\"FragmentTimecode\":1764000000000,\"FragmentNumber\":\"91343852333181432392682062609776234230823574155\"}",
      "",
      "{\"EventType\":\"PERSISTED\",\"FragmentTimecode\":1764000000000,\"FragmentNumber\":\"91343852333181432392682062609776234230823574155\"}\r",
      "{\"EventType\":\"IDLE\"}",
      "{\"EventType\":\"ERROR\",\"FragmentTimecode\":1764000002000,\"FragmentNumber\":\"91343852333181432392682062609776234230823574156\",\"ErrorId\":4004,\"ErrorCode\":\"FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS\"}",
      "");

  private static final List<AckEvent> EXPECTED = List.of(
      AckEvent.of(AckEventType.BUFFERING, 1764000000000L, "91343852333181432392682062609776234230823574155"),
      AckEvent.of(AckEventType.RECEIVED, 1764000000000L, "91343852333181432392682062609776234230823574155"),
      AckEvent.of(AckEventType.PERSISTED, 1764000000000L, "91343852333181432392682062609776234230823574155"),
      AckEvent.idle(),
      AckEvent.error(1764000002000L, "91343852333181432392682062609776234230823574156", 4004,
          "FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS"));

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 1 << 20})
  void anyChunkingGivesTheSameEvents(int chunk) throws Exception {
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    AckReader reader = new AckReader();
    List<AckEvent> events = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += chunk) {
      events.addAll(reader.feed(bytes, i, Math.min(chunk, bytes.length - i)));
    }
    events.addAll(reader.finish());
    assertThat(events).isEqualTo(EXPECTED);
  }

  @Test
  void aLastLineWithoutNewlineIsReadAtTheEnd() throws Exception {
    byte[] bytes = "{\"EventType\":\"IDLE\"}".getBytes(StandardCharsets.UTF_8);
    AckReader reader = new AckReader();
    assertThat(reader.feed(bytes, 0, bytes.length)).isEmpty();
    assertThat(reader.finish()).containsExactly(AckEvent.idle());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json\n", "[1,2]\n", "{\"EventType\":\"NOPE\",\"FragmentTimecode\":1}\n",
      "{\"EventType\":\"PERSISTED\"}\n", "{\"EventType\":\"ERROR\",\"FragmentTimecode\":1}\n",
      "{\"EventType\":\"RECEIVED\",\"FragmentTimecode\":1.5}\n",
      "{\"EventType\":\"RECEIVED\",\"FragmentTimecode\":1,\"FragmentNumber\":\"12a\"}\n", "{\"EventType\":\n"})
  void malformedAcksFailTheStream(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    AckReader reader = new AckReader();
    assertThatThrownBy(() -> reader.feed(bytes, 0, bytes.length)).isInstanceOf(MalformedAckException.class);
    assertThatThrownBy(() -> reader.feed(new byte[] {'\n'}, 0, 1)).isInstanceOf(MalformedAckException.class);
  }

  @Test
  void anOverlongLineIsRejected() {
    byte[] bytes = new byte[100];
    java.util.Arrays.fill(bytes, (byte) ' ');
    AckReader reader = new AckReader(64);
    assertThatThrownBy(() -> reader.feed(bytes, 0, bytes.length))
        .isInstanceOf(MalformedAckException.class).hasMessageContaining("64");
  }

  @Test
  void randomGarbageIsRejectedCleanly() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      byte[] garbage = new byte[1 + random.nextInt(200)];
      random.nextBytes(garbage);
      garbage[garbage.length - 1] = '\n';
      AckReader reader = new AckReader();
      try {
        List<AckEvent> events = reader.feed(garbage, 0, garbage.length);
        assertThat(events).allSatisfy(e -> assertThat(e.type()).isNotNull());
      } catch (MalformedAckException expected) {
        assertThat(expected).hasMessageContaining("ack");
      }
    }
  }
}
