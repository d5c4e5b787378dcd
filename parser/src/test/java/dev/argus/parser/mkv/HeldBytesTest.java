package dev.argus.parser.mkv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeldBytesTest {

  /** Random appends and releases against a model: the whole stream and the model's window start. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void matchesAModelOfTheStream(long seed) {
    Random random = new Random(seed);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    long modelFrom = 0;
    HeldBytes held = new HeldBytes(1 << 20, MkvIds.CLUSTER);
    for (int step = 0; step < 2_000; step++) {
      if (random.nextInt(3) > 0) {
        byte[] chunk = new byte[random.nextInt(3_001)];
        random.nextBytes(chunk);
        if (held.length() + chunk.length > 1 << 20) {
          continue;
        }
        held.append(ByteBuffer.wrap(chunk));
        stream.writeBytes(chunk);
      } else {
        long end = stream.size();
        long offset = modelFrom - 10 + (long) (random.nextDouble() * (end - modelFrom + 20));
        held.release(offset);
        modelFrom = Math.max(modelFrom, Math.min(end, offset));
      }
      byte[] all = stream.toByteArray();
      assertThat(held.from()).isEqualTo(modelFrom);
      assertThat(held.end()).isEqualTo(all.length);
      assertThat(held.copy(held.from(), held.end()))
          .isEqualTo(Arrays.copyOfRange(all, (int) modelFrom, all.length));
    }
  }

  @Test
  void viewSharesTheBackingArrayAndChecksItsRange() {
    HeldBytes held = new HeldBytes(100, MkvIds.CLUSTER);
    held.append(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
    held.release(2);
    ByteBuffer view = held.view(3, 5);
    assertThat(view.remaining()).isEqualTo(2);
    assertThat(view.array()[view.arrayOffset()]).isEqualTo((byte) 4);
    assertThatThrownBy(() -> held.view(1, 4)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> held.view(3, 6)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void holdingPastTheLimitNamesTheElement() {
    HeldBytes held = new HeldBytes(10, MkvIds.CLUSTER);
    held.append(ByteBuffer.wrap(new byte[6]));
    assertThatThrownBy(() -> held.append(ByteBuffer.wrap(new byte[5])))
        .isInstanceOfSatisfying(ElementTooLargeException.class, e -> {
          assertThat(e.elementId()).isEqualTo(MkvIds.CLUSTER);
          assertThat(e.size()).isEqualTo(11);
          assertThat(e.limit()).isEqualTo(10);
        });
    assertThat(held.length()).isEqualTo(6);
  }
}
