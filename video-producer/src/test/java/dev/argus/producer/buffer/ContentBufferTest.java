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
        Optional<EncodedFragment> expected = model.takeNext();
        Optional<ContentBuffer.Piece> next = buffer.takePiece(Duration.ZERO, false);
        assertThat(next.map(ContentBuffer.Piece::sequence)).isEqualTo(expected.map(EncodedFragment::sequence));
        next.ifPresent(p -> {
          assertThat(p.bytes()).isSameAs(expected.get().cluster());
          assertThat(p.opensFragment()).isTrue();
        });
        expected.ifPresent(sent::add);
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

  /**
   * Random streaming (open, append, complete), sends, acks, rejections, rewinds and body ends: every
   * byte given is held, dropped, persisted or rejected exactly once; what goes out on a pass is, per
   * fragment, a prefix of its bytes from its first piece, in fragment order; the bounds always hold.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void streamedFragmentsAreSentAsPrefixesAndNoByteIsLost(long seed) throws Exception {
    Random random = new Random(seed);
    BufferLimits limits = new BufferLimits(500 + random.nextInt(5_000), Duration.ofMillis(1_000 + random.nextInt(10_000)));
    ContentBuffer buffer = new ContentBuffer(limits);
    long sequence = -1;
    long timecode = 1_764_000_000_000L;
    long end = timecode;
    boolean inProgress = false;
    long given = 0;
    long gone = 0;
    Map<Long, java.io.ByteArrayOutputStream> sentThisPass = new TreeMap<>();
    long lastSentSequence = -1;
    for (int step = 0; step < 500; step++) {
      int op = random.nextInt(12);
      List<ContentBuffer.Dropped> dropped = List.of();
      if (op < 2 && !inProgress) {
        sequence++;
        timecode = end + 1 + random.nextInt(100);
        end = timecode;
        byte[] head = new byte[1 + random.nextInt(20)];
        random.nextBytes(head);
        dropped = buffer.open(sequence, timecode, head);
        given += head.length;
        inProgress = true;
      } else if (op < 5 && inProgress) {
        long current = sequence;
        boolean held = buffer.snapshot().stream().anyMatch(f -> f.sequence() == current);
        byte[] block = new byte[1 + random.nextInt(random.nextInt(8) == 0 ? 3_000 : 300)];
        random.nextBytes(block);
        end += random.nextInt(100);
        dropped = buffer.append(sequence, block, end);
        given += held ? block.length : 0;
      } else if (op < 6 && inProgress) {
        buffer.complete(sequence);
        inProgress = false;
      } else if (op < 9) {
        Optional<ContentBuffer.Piece> piece = buffer.takePiece(Duration.ZERO, random.nextBoolean());
        if (piece.isPresent()) {
          ContentBuffer.Piece p = piece.get();
          assertThat(p.sequence()).isGreaterThanOrEqualTo(lastSentSequence);
          assertThat(p.opensFragment()).isEqualTo(!sentThisPass.containsKey(p.sequence()));
          lastSentSequence = p.sequence();
          sentThisPass.computeIfAbsent(p.sequence(), k -> new java.io.ByteArrayOutputStream()).writeBytes(p.bytes());
          EncodedFragment held = buffer.snapshot().stream().filter(f -> f.sequence() == p.sequence()).findFirst().orElseThrow();
          byte[] out = sentThisPass.get(p.sequence()).toByteArray();
          assertThat(java.util.Arrays.copyOf(held.cluster(), out.length)).isEqualTo(out);
        }
      } else if (op < 10) {
        List<EncodedFragment> held = buffer.snapshot();
        if (!held.isEmpty()) {
          long acked = held.get(random.nextInt(held.size())).timecodeMillis();
          gone += buffer.persisted(acked).stream().mapToLong(EncodedFragment::size).sum();
        }
      } else if (op < 11) {
        List<EncodedFragment> held = buffer.snapshot();
        if (!held.isEmpty()) {
          gone += buffer.reject(held.get(random.nextInt(held.size())).timecodeMillis()).map(EncodedFragment::size).orElse(0);
        }
      } else if (random.nextBoolean()) {
        buffer.rewind();
        sentThisPass.clear();
        lastSentSequence = -1;
      } else {
        buffer.bodyEnded();
      }
      gone += dropped.stream().mapToLong(d -> d.fragment().size()).sum();
      List<EncodedFragment> held = buffer.snapshot();
      long heldBytes = held.stream().mapToLong(EncodedFragment::size).sum();
      assertThat(buffer.bytes()).isEqualTo(heldBytes).isLessThanOrEqualTo(limits.maxBytes());
      assertThat(given).as("every byte held, dropped, persisted or rejected once").isEqualTo(heldBytes + gone);
      assertThat(buffer.durationMillis()).isLessThanOrEqualTo(limits.maxDuration().toMillis());
      for (int i = 1; i < held.size(); i++) {
        assertThat(held.get(i).timecodeMillis()).isGreaterThan(held.get(i - 1).timecodeMillis());
      }
    }
  }

  @Test
  void aRewindResendsEverythingNotPersistedInOrder() throws Exception {
    ContentBuffer buffer = new ContentBuffer(BufferLimits.defaults());
    for (int i = 0; i < 5; i++) {
      buffer.offer(fragment(i, 100));
    }
    for (int i = 0; i < 4; i++) {
      assertThat(buffer.takePiece(Duration.ZERO, false)).map(ContentBuffer.Piece::sequence).contains((long) i);
    }
    assertThat(buffer.persisted(fragment(1, 100).timecodeMillis())).hasSize(2);
    assertThat(buffer.rewind()).isEqualTo(2);
    List<Long> resent = new ArrayList<>();
    for (Optional<ContentBuffer.Piece> f = buffer.takePiece(Duration.ZERO, false); f.isPresent();
        f = buffer.takePiece(Duration.ZERO, false)) {
      resent.add(f.get().sequence());
    }
    assertThat(resent).containsExactly(2L, 3L, 4L);
  }

  @Test
  void whenFullTheOldestUnsentFragmentIsDroppedAndReported() throws Exception {
    ContentBuffer buffer = new ContentBuffer(new BufferLimits(300, Duration.ofHours(1)));
    buffer.offer(fragment(0, 100));
    buffer.offer(fragment(1, 100));
    buffer.takePiece(Duration.ZERO, false);
    buffer.offer(fragment(2, 100));
    assertThat(buffer.offer(fragment(3, 100)))
        .containsExactly(new ContentBuffer.Dropped(fragment(1, 100), false));
    assertThat(buffer.offer(fragment(4, 1000)))
        .containsExactly(new ContentBuffer.Dropped(fragment(4, 1000), false));
  }

  @Test
  void aWaitingSenderWakesForANewFragmentAndForClose() throws Exception {
    ContentBuffer buffer = new ContentBuffer(BufferLimits.defaults());
    CompletableFuture<Optional<ContentBuffer.Piece>> taken = CompletableFuture.supplyAsync(() -> {
      try {
        return buffer.takePiece(Duration.ofMinutes(1), false);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    buffer.offer(fragment(0, 10));
    assertThat(taken.get(30, TimeUnit.SECONDS)).hasValueSatisfying(p -> assertThat(p.sequence()).isZero());
    CompletableFuture<Optional<ContentBuffer.Piece>> none = CompletableFuture.supplyAsync(() -> {
      try {
        return buffer.takePiece(Duration.ofMinutes(1), false);
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

  @Test
  void aStreamedFragmentGoesOutPieceByPieceAndIsAwaitedOnlyOnceTheNextOneStarts() throws Exception {
    ContentBuffer buffer = new ContentBuffer(BufferLimits.defaults());
    long t0 = 1_764_000_000_000L;
    byte[] head0 = {1};
    byte[] block0 = {2, 2};
    buffer.open(0, t0, head0);
    buffer.append(0, block0, t0);
    assertThat(buffer.takePiece(Duration.ZERO, false)).contains(new ContentBuffer.Piece(0, t0, true, head0));
    assertThat(buffer.takePiece(Duration.ZERO, false)).contains(new ContentBuffer.Piece(0, t0, false, block0));
    assertThat(buffer.takePiece(Duration.ZERO, false)).isEmpty(); // waits for the next frame
    assertThat(buffer.atBoundary()).isFalse();
    byte[] block1 = {3};
    buffer.append(0, block1, t0 + 33);
    assertThat(buffer.takePiece(Duration.ZERO, false)).contains(new ContentBuffer.Piece(0, t0, false, block1));
    assertThat(buffer.awaitingAcks()).isFalse(); // the server cannot see the Cluster end yet
    assertThat(buffer.sentUnpersisted()).isTrue();
    assertThat(buffer.persisted(t0)).isEmpty(); // never trimmed while in progress
    buffer.complete(0);
    assertThat(buffer.atBoundary()).isTrue();
    assertThat(buffer.takePiece(Duration.ZERO, true)).isEmpty(); // stops at the boundary
    byte[] head1 = {4};
    buffer.open(1, t0 + 66, head1);
    assertThat(buffer.takePiece(Duration.ZERO, true)).isEmpty();
    assertThat(buffer.takePiece(Duration.ZERO, false)).contains(new ContentBuffer.Piece(1, t0 + 66, true, head1));
    assertThat(buffer.awaitingAcks()).isTrue();
    assertThat(buffer.snapshot()).extracting(EncodedFragment::frameCount).containsExactly(2, 0);
    assertThat(buffer.snapshot().get(0).cluster()).containsExactly(1, 2, 2, 3);
    assertThat(buffer.persisted(t0)).extracting(EncodedFragment::sequence).containsExactly(0L);
    assertThat(buffer.bytes()).isEqualTo(1);
  }

  @Test
  void aRewindResendsTheFragmentInProgressFromItsStartThenContinuesLive() throws Exception {
    ContentBuffer buffer = new ContentBuffer(BufferLimits.defaults());
    long t0 = 1_764_000_000_000L;
    buffer.open(0, t0, new byte[] {1});
    buffer.append(0, new byte[] {2}, t0);
    buffer.takePiece(Duration.ZERO, false);
    buffer.takePiece(Duration.ZERO, false);
    assertThat(buffer.rewind()).isEqualTo(1);
    buffer.append(0, new byte[] {3}, t0 + 40);
    List<Integer> sent = new ArrayList<>();
    for (Optional<ContentBuffer.Piece> p = buffer.takePiece(Duration.ZERO, false); p.isPresent();
        p = buffer.takePiece(Duration.ZERO, false)) {
      sent.add((int) p.get().bytes()[0]);
    }
    assertThat(sent).containsExactly(1, 2, 3);
    buffer.close(); // completes the fragment in progress
    assertThat(buffer.needsBodyEnd()).isTrue();
    assertThat(buffer.awaitingAcks()).isFalse();
    buffer.bodyEnded();
    assertThat(buffer.awaitingAcks()).isTrue();
    buffer.persisted(t0);
    assertThat(buffer.drained()).isTrue();
  }

  @Test
  void theFragmentInProgressCountsAgainstTheBoundAndIsDroppedWhenItAloneExceedsIt() throws Exception {
    ContentBuffer buffer = new ContentBuffer(new BufferLimits(300, Duration.ofHours(1)));
    long t0 = 1_764_000_000_000L;
    buffer.offer(fragment(0, 100));
    buffer.offer(fragment(1, 100));
    buffer.takePiece(Duration.ZERO, false);
    buffer.open(2, t0 + 4_000, new byte[10]);
    assertThat(buffer.awaitSpace(90, t0 + 4_000, Duration.ZERO)).isTrue();
    assertThat(buffer.append(2, new byte[90], t0 + 4_000)).isEmpty();
    assertThat(buffer.awaitSpace(1, t0 + 4_040, Duration.ZERO)).isFalse();
    assertThat(buffer.append(2, new byte[100], t0 + 4_040))
        .containsExactly(new ContentBuffer.Dropped(fragment(1, 100), false));
    List<ContentBuffer.Dropped> dropped = buffer.append(2, new byte[100], t0 + 4_080);
    assertThat(dropped).extracting(d -> d.fragment().sequence()).containsExactly(2L);
    assertThat(dropped.get(0).fragment().frameCount()).isEqualTo(3);
    assertThat(buffer.append(2, new byte[1], t0 + 4_100)).isEmpty(); // dropped: takes no more frames
    assertThat(buffer.bytes()).isEqualTo(100);
    buffer.complete(2);
    buffer.open(3, t0 + 6_000, new byte[10]);
    assertThat(buffer.takePiece(Duration.ZERO, false)).map(ContentBuffer.Piece::sequence).contains(3L);
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
