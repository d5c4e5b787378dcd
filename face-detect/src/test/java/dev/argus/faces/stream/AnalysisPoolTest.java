package dev.argus.faces.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames are told apart by their row count. */
class AnalysisPoolTest {

  private static Mat frame(int id) {
    return new Mat(id, 2, CV_8UC3);
  }

  private static void offer(AnalysisPool.Lane lane, int id, List<Integer> seen, CountDownLatch gate) {
    try (Mat m = frame(id)) {
      lane.offer(m, bgr -> {
        await(gate);
        seen.add(bgr.rows());
      });
    }
  }

  private static void await(CountDownLatch gate) {
    try {
      gate.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void anInlineLaneAnalysesOnTheCallersThreadAndDropsNothing() {
    AnalysisPool.Lane lane = AnalysisPool.inline();
    List<String> threads = new ArrayList<>();
    try (Mat m = frame(3)) {
      lane.offer(m, bgr -> threads.add(Thread.currentThread().getName() + ":" + bgr.rows()));
    }
    assertThat(threads).containsExactly(Thread.currentThread().getName() + ":3");
    assertThat(lane.dropped()).isZero();
  }

  @Test
  void aBusyLaneKeepsOnlyTheNewestWaitingFrame() throws Exception {
    try (AnalysisPool pool = new AnalysisPool(2)) {
      AnalysisPool.Lane lane = pool.lane();
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch gate = new CountDownLatch(1);
      for (int id = 1; id <= 5; id++) {
        offer(lane, id, seen, gate);
      }
      gate.countDown();
      awaitIdle(seen, 5);
      lane.close();
      assertThat(seen).containsExactly(1, 5);
      assertThat(lane.offered()).isEqualTo(5);
      assertThat(lane.dropped()).isEqualTo(3);
    }
  }

  @Test
  void anOnTimeFrameWaitsForRoomAndALateOneReplacesTheWaitingFrame() throws Exception {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
    try (AnalysisPool pool = new AnalysisPool(1, clock, 2_000)) {
      AnalysisPool.Lane lane = pool.lane();
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch gate = new CountDownLatch(1);
      offer(lane, 1, seen, gate);
      offer(lane, 2, seen, gate);
      Thread onTime = new Thread(() -> {
        try (Mat m = frame(3)) {
          lane.offer(m, 1_000_000 - 1_500, bgr -> seen.add(bgr.rows()));
        }
      });
      onTime.start();
      onTime.join(200);
      assertThat(onTime.isAlive()).as("waits: 1.5 s late is within 2 s").isTrue();
      gate.countDown();
      onTime.join(10_000);
      awaitIdle(seen, 3);
      assertThat(seen).containsExactly(1, 2, 3);
      assertThat(lane.dropped()).isZero();

      CountDownLatch gate2 = new CountDownLatch(1);
      offer(lane, 4, seen, gate2);
      offer(lane, 5, seen, gate2);
      try (Mat m = frame(6)) {
        lane.offer(m, 1_000_000 - 2_001, bgr -> seen.add(bgr.rows()));
      }
      gate2.countDown();
      awaitIdle(seen, 6);
      assertThat(seen).containsExactly(1, 2, 3, 4, 6);
      assertThat(lane.dropped()).isEqualTo(1);
    }
  }

  @Test
  void closingDropsTheWaitingFrameAndWaitsForTheRunningOne() throws Exception {
    try (AnalysisPool pool = new AnalysisPool(1)) {
      AnalysisPool.Lane lane = pool.lane();
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch gate = new CountDownLatch(1);
      offer(lane, 1, seen, gate);
      offer(lane, 2, seen, gate);
      Thread opener = new Thread(() -> {
        sleep(50);
        gate.countDown();
      });
      opener.start();
      lane.close();
      assertThat(seen).containsExactly(1);
      assertThat(lane.dropped()).isEqualTo(1);
      offer(lane, 3, seen, gate);
      assertThat(lane.offered()).as("a closed lane takes nothing").isEqualTo(2);
      opener.join();
    }
  }

  @Test
  void aFailedAnalysisFailsTheLane() throws Exception {
    try (AnalysisPool pool = new AnalysisPool(1)) {
      AnalysisPool.Lane lane = pool.lane();
      CountDownLatch ran = new CountDownLatch(1);
      try (Mat m = frame(1)) {
        lane.offer(m, bgr -> {
          ran.countDown();
          throw new IllegalStateException("sink is gone");
        });
      }
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
      lane.close();
      assertThat(lane.failure()).get().extracting(Throwable::getMessage).isEqualTo("sink is gone");
      try (Mat m = frame(2)) {
        assertThatThrownBy(() -> lane.offer(m, bgr -> { })).hasMessage("sink is gone");
      }
    }
  }

  @Test
  void poolSizeIsValidated() {
    assertThatThrownBy(() -> new AnalysisPool(0)).isInstanceOf(IllegalArgumentException.class);
    try (AnalysisPool pool = new AnalysisPool(3)) {
      assertThat(pool.threads()).isEqualTo(3);
    }
  }

  /**
   * Model: per lane, the frames analysed are an increasing subsequence of those offered, never
   * two at once, that always ends with the last one offered; offered = analysed + dropped.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 7, 99})
  void manyLanesOnAFewThreadsKeepOrderAndFreshness(long seed) throws Exception {
    Random random = new Random(seed);
    int lanes = 6;
    try (AnalysisPool pool = new AnalysisPool(2)) {
      List<AnalysisPool.Lane> all = new ArrayList<>();
      List<List<Integer>> seen = new ArrayList<>();
      int[] busy = new int[lanes];
      boolean[] overlapped = new boolean[1];
      for (int l = 0; l < lanes; l++) {
        all.add(pool.lane());
        seen.add(Collections.synchronizedList(new ArrayList<>()));
      }
      int[] last = new int[lanes];
      for (int i = 1; i <= 300; i++) {
        int l = random.nextInt(lanes);
        int id = i;
        long work = random.nextInt(3);
        try (Mat m = frame(id)) {
          all.get(l).offer(m, bgr -> {
            synchronized (busy) {
              overlapped[0] |= ++busy[l] > 1;
            }
            sleep(work);
            seen.get(l).add(bgr.rows());
            synchronized (busy) {
              busy[l]--;
            }
          });
        }
        last[l] = id;
        if (random.nextInt(10) == 0) {
          sleep(1);
        }
      }
      for (int l = 0; l < lanes; l++) {
        AnalysisPool.Lane lane = all.get(l);
        awaitIdle(seen.get(l), last[l]);
        List<Integer> s = seen.get(l);
        assertThat(s).isSorted().doesNotHaveDuplicates();
        if (last[l] != 0) {
          assertThat(s).last().isEqualTo(last[l]);
        }
        assertThat(lane.offered()).isEqualTo(s.size() + lane.dropped());
      }
      assertThat(overlapped[0]).isFalse();
    }
  }

  private static void awaitIdle(List<Integer> seen, int last) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (last != 0 && (seen.isEmpty() || seen.get(seen.size() - 1) != last) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
