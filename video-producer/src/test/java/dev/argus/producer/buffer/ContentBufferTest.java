package dev.argus.producer.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContentBufferTest {

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /** Random offers, sends, acks, rejections and rewinds, checked step by step against a TreeMap model. */
  @ParameterizedTest
  @MethodSource("seeds")
  void behavesLikeTheModel(long seed) throws Exception {
    Random random = new Random(seed);
    BufferLimits limits = new BufferLimits(1_000 + random.nextInt(20_000), Duration.ofMillis(2_000 + random.nextInt(30_000)));
    ContentBuffer buffer = new ContentBuffer(limits);
    Model model = new Model(limits);
    long sequence = 0;
    long timecode = 1_764_000_000_000L;
    List<EncodedFragment> sent = new ArrayList<>();
    for (int step = 0; step < 400; step++) {
      int op = random.nextInt(10);
      if (op < 4) {
        long duration = random.nextInt(3_000);
        EncodedFragment f = new EncodedFragment(sequence++, timecode, timecode + duration, 1 + random.nextInt(60),
            new byte[random.nextInt(random.nextInt(10) == 0 ? 30_000 : 3_000) + 1]);
        timecode += duration + 1 + random.nextInt(50);
        assertThat(buffer.offer(f)).isEqualTo(model.offer(f));
      } else if (op < 7) {
        Optional<EncodedFragment> next = buffer.takeNext(Duration.ZERO);
        assertThat(next).isEqualTo(model.takeNext());
        next.ifPresent(sent::add);
      } else if (op < 8 && !sent.isEmpty()) {
        long acked = sent.get(random.nextInt(sent.size())).timecodeMillis();
        assertThat(buffer.persisted(acked)).isEqualTo(model.persisted(acked));
      } else if (op < 9 && !sent.isEmpty()) {
        long refused = sent.get(random.nextInt(sent.size())).timecodeMillis();
        if (random.nextBoolean()) {
          assertThat(buffer.reject(refused)).isEqualTo(model.reject(refused));
        } else {
          buffer.markForResend(refused);
          model.resend.add(refused);
        }
      } else {
        assertThat(buffer.rewind()).isEqualTo(model.rewind());
      }
      assertThat(buffer.snapshot()).isEqualTo(List.copyOf(model.held.values()));
      assertThat(buffer.bytes()).isEqualTo(model.bytes()).isLessThanOrEqualTo(limits.maxBytes());
      assertThat(buffer.durationMillis()).isLessThanOrEqualTo(limits.maxDuration().toMillis());
      assertThat(buffer.awaitingAcks()).isEqualTo(model.held.headMap(model.cursor).size() > 0);
    }
  }

  @Test
  void aRewindResendsEverythingNotPersistedInOrder() throws Exception {
    ContentBuffer buffer = new ContentBuffer(BufferLimits.defaults());
    for (int i = 0; i < 5; i++) {
      buffer.offer(fragment(i, 100));
    }
    for (int i = 0; i < 4; i++) {
      assertThat(buffer.takeNext(Duration.ZERO)).map(EncodedFragment::sequence).contains((long) i);
    }
    assertThat(buffer.persisted(fragment(1, 100).timecodeMillis())).hasSize(2);
    assertThat(buffer.rewind()).isEqualTo(2);
    List<Long> resent = new ArrayList<>();
    for (Optional<EncodedFragment> f = buffer.takeNext(Duration.ZERO); f.isPresent(); f = buffer.takeNext(Duration.ZERO)) {
      resent.add(f.get().sequence());
    }
    assertThat(resent).containsExactly(2L, 3L, 4L);
  }

  @Test
  void whenFullTheOldestUnsentFragmentIsDroppedAndReported() throws Exception {
    ContentBuffer buffer = new ContentBuffer(new BufferLimits(300, Duration.ofHours(1)));
    buffer.offer(fragment(0, 100));
    buffer.offer(fragment(1, 100));
    buffer.takeNext(Duration.ZERO);
    buffer.offer(fragment(2, 100));
    assertThat(buffer.offer(fragment(3, 100)))
        .containsExactly(new ContentBuffer.Dropped(fragment(1, 100), false));
    assertThat(buffer.offer(fragment(4, 1000)))
        .containsExactly(new ContentBuffer.Dropped(fragment(4, 1000), false));
  }

  @Test
  void aWaitingSenderWakesForANewFragmentAndForClose() throws Exception {
    ContentBuffer buffer = new ContentBuffer(BufferLimits.defaults());
    CompletableFuture<Optional<EncodedFragment>> taken = CompletableFuture.supplyAsync(() -> {
      try {
        return buffer.takeNext(Duration.ofMinutes(1));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    buffer.offer(fragment(0, 10));
    assertThat(taken.get(30, TimeUnit.SECONDS)).contains(fragment(0, 10));
    CompletableFuture<Optional<EncodedFragment>> none = CompletableFuture.supplyAsync(() -> {
      try {
        return buffer.takeNext(Duration.ofMinutes(1));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    buffer.close();
    assertThat(none.get(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(buffer.drained()).isFalse();
    buffer.persisted(fragment(0, 10).timecodeMillis());
    assertThat(buffer.awaitDrained(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void awaitSpaceWaitsForPersistedAcksInsteadOfDropping() throws Exception {
    ContentBuffer buffer = new ContentBuffer(new BufferLimits(250, Duration.ofHours(1)));
    buffer.offer(fragment(0, 100));
    buffer.offer(fragment(1, 100));
    assertThat(buffer.awaitSpace(fragment(2, 100), Duration.ZERO)).isFalse();
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return buffer.awaitSpace(fragment(2, 100), Duration.ofMinutes(1));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    buffer.persisted(fragment(0, 100).timecodeMillis());
    assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(buffer.offer(fragment(2, 100))).isEmpty();
  }

  private static EncodedFragment fragment(long sequence, int size) {
    long timecode = 1_764_000_000_000L + sequence * 2_000;
    return new EncodedFragment(sequence, timecode, timecode + 1_966, 60, new byte[size]);
  }

  /** The oracle: the same contract written the obvious way over a TreeMap keyed by sequence. */
  private static final class Model {
    final BufferLimits limits;
    final TreeMap<Long, EncodedFragment> held = new TreeMap<>();
    final java.util.Set<Long> resend = new java.util.HashSet<>();
    long cursor;

    Model(BufferLimits limits) {
      this.limits = limits;
    }

    long bytes() {
      return held.values().stream().mapToLong(EncodedFragment::size).sum();
    }

    long duration() {
      return held.isEmpty() ? 0 : held.lastEntry().getValue().endMillis() - held.firstEntry().getValue().timecodeMillis();
    }

    List<ContentBuffer.Dropped> offer(EncodedFragment f) {
      List<ContentBuffer.Dropped> dropped = new ArrayList<>();
      if (f.size() > limits.maxBytes()) {
        dropped.add(new ContentBuffer.Dropped(f, false));
        return dropped;
      }
      held.put(f.sequence(), f);
      while (bytes() > limits.maxBytes() || duration() > limits.maxDuration().toMillis()) {
        Map.Entry<Long, EncodedFragment> unsent = held.ceilingEntry(cursor);
        Map.Entry<Long, EncodedFragment> victim = unsent != null ? unsent : held.firstEntry();
        held.remove(victim.getKey());
        dropped.add(new ContentBuffer.Dropped(victim.getValue(), unsent == null));
      }
      return dropped;
    }

    Optional<EncodedFragment> takeNext() {
      Map.Entry<Long, EncodedFragment> next = held.ceilingEntry(cursor);
      if (next == null) {
        return Optional.empty();
      }
      cursor = next.getKey() + 1;
      return Optional.of(next.getValue());
    }

    List<EncodedFragment> persisted(long timecode) {
      List<EncodedFragment> out = new ArrayList<>();
      held.values().removeIf(f -> {
        boolean trim = f.timecodeMillis() <= timecode && !resend.contains(f.timecodeMillis());
        if (trim) {
          out.add(f);
        }
        return trim;
      });
      return out;
    }

    Optional<EncodedFragment> reject(long timecode) {
      Optional<EncodedFragment> hit = held.values().stream().filter(f -> f.timecodeMillis() == timecode).findFirst();
      hit.ifPresent(f -> held.remove(f.sequence()));
      return hit;
    }

    int rewind() {
      resend.clear();
      int again = held.headMap(cursor).size();
      if (!held.isEmpty()) {
        cursor = held.firstKey();
      }
      return again;
    }
  }
}
