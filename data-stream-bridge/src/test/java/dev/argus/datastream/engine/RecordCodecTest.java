package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

  private static final SequenceNumber NUMBER = SequenceNumber.ofRecord(new ShardId(1), 5);

  @Test
  void roundTripsKeyAndData() {
    byte[] key = "cämera-1".getBytes(StandardCharsets.UTF_8);
    byte[] data = {0, 1, 2, -1};
    StreamRecord record = RecordCodec.decode(RecordCodec.encode(key, data), NUMBER, 42);
    assertThat(record.partitionKey()).isEqualTo("cämera-1");
    assertThat(record.data()).isEqualTo(data);
    assertThat(record.arrivalMillis()).isEqualTo(42);
    assertThat(RecordCodec.decode(RecordCodec.encode(key, new byte[0]), NUMBER, 0).data()).isEmpty();
  }

  @Test
  void rejectsPayloadsItDidNotWrite() {
    assertThatThrownBy(() -> RecordCodec.decode(ByteBuffer.wrap(new byte[] {2, 0, 0}), NUMBER, 0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RecordCodec.decode(ByteBuffer.wrap(new byte[] {1, 0, 9, 65}), NUMBER, 0))
        .isInstanceOf(IllegalStateException.class);
    Random random = new Random(3);
    for (int i = 0; i < 1000; i++) {
      byte[] garbage = new byte[random.nextInt(20)];
      random.nextBytes(garbage);
      try {
        RecordCodec.decode(ByteBuffer.wrap(garbage), NUMBER, 0);
      } catch (IllegalStateException expected) {
        assertThat(expected).hasMessageContaining("corrupt");
      }
    }
  }
}
