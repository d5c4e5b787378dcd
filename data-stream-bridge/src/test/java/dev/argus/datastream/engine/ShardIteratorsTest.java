package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.datastream.shard.ShardId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ShardIteratorsTest {

  private static final long NOW = 1_700_000_000_000L;
  private final ShardIterators iterators = new ShardIterators(new byte[32]);
  private final IteratorPosition position = new IteratorPosition("orders", 42L, new ShardId(3), 17, NOW);

  @Test
  void roundTripsAPosition() {
    assertThat(iterators.decode(iterators.encode(position), NOW + 1000)).isEqualTo(position);
  }

  @Test
  void expiresAfterFiveMinutes() {
    String iterator = iterators.encode(position);
    assertThat(iterators.decode(iterator, NOW + ShardIterators.LIFETIME.toMillis())).isEqualTo(position);
    assertThatThrownBy(() -> iterators.decode(iterator, NOW + ShardIterators.LIFETIME.toMillis() + 1))
        .isInstanceOf(ExpiredIteratorException.class);
  }

  @Test
  void anyFlippedBitIsRejected() {
    byte[] bytes = Base64.getUrlDecoder().decode(iterators.encode(position));
    for (int i = 0; i < bytes.length; i++) {
      byte[] forged = bytes.clone();
      forged[i] ^= 1;
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
      assertThatThrownBy(() -> iterators.decode(token, NOW)).isInstanceOf(InvalidArgumentException.class);
    }
  }

  @Test
  void anotherServersKeyIsRejected() {
    byte[] key = new byte[32];
    key[0] = 1;
    String foreign = new ShardIterators(key).encode(position);
    assertThatThrownBy(() -> iterators.decode(foreign, NOW)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void randomGarbageIsRejectedCleanly() {
    Random random = new Random(9);
    for (int i = 0; i < 2000; i++) {
      byte[] bytes = new byte[random.nextInt(120)];
      random.nextBytes(bytes);
      String token = random.nextBoolean() ? Base64.getUrlEncoder().encodeToString(bytes) : new String(bytes,
          java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThatThrownBy(() -> iterators.decode(token, NOW)).isInstanceOf(InvalidArgumentException.class);
    }
  }

  /**
   * Each thread reuses its own Mac: threads signing and checking at once, forged tokens among valid
   * ones, must still round-trip every position and reject every forgery.
   */
  @Test
  void threadsSignAndCheckAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          Random random = new Random(thread);
          int checked = 0;
          for (int i = 0; i < 2000; i++) {
            IteratorPosition p = new IteratorPosition("s" + thread, random.nextLong(), new ShardId(random.nextInt(1000)),
                random.nextInt(1 << 30), NOW);
            String token = iterators.encode(p);
            assertThat(iterators.decode(token, NOW)).isEqualTo(p);
            byte[] forged = Base64.getUrlDecoder().decode(token);
            forged[random.nextInt(forged.length)] ^= (byte) (1 + random.nextInt(255));
            String bad = Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
            assertThatThrownBy(() -> iterators.decode(bad, NOW)).isInstanceOf(InvalidArgumentException.class);
            checked++;
          }
          return checked;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(2000);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
