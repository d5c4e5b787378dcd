package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFlusherTest {
  @TempDir Path dir;

  @Test
  void intervalFuturesCompleteOnlyAfterTheGroupForce() throws IOException {
    LogFlusher flusher = LogFlusher.manual();
    try (Log log = Log.open(dir, LogTest.smallConfig(FsyncPolicy.interval(flusher)))) {
      CompletableFuture<Void> a = log.durable(log.append(1, ByteBuffer.allocate(10)));
      CompletableFuture<Void> b = log.durable(log.append(2, ByteBuffer.allocate(10)));
      AtomicLong forcesSeenByCallback = new AtomicLong(-1);
      b.thenRun(() -> forcesSeenByCallback.set(log.forces()));
      assertThat(a).isNotDone();
      assertThat(b).isNotDone();
      assertThat(log.forces()).isZero();

      flusher.flushAll();

      assertThat(a).isCompleted();
      assertThat(b).isCompleted();
      assertThat(log.forces()).isEqualTo(1); // one fsync for both: group commit
      assertThat(forcesSeenByCallback.get()).isEqualTo(1);
      flusher.flushAll();
      assertThat(log.forces()).isEqualTo(1); // nothing dirty, no force
      assertThat(log.durable(0)).isCompleted();
    }
  }

  @Test
  void oneFlusherServesManyLogs() throws IOException {
    LogFlusher flusher = LogFlusher.manual();
    LogConfig config = LogTest.smallConfig(FsyncPolicy.interval(flusher));
    try (Log x = Log.open(dir.resolve("x"), config); Log y = Log.open(dir.resolve("y"), config)) {
      CompletableFuture<Void> fx = x.durable(x.append(1, ByteBuffer.allocate(3)));
      CompletableFuture<Void> fy = y.durable(y.append(1, ByteBuffer.allocate(3)));
      assertThat(fx).isNotDone();
      assertThat(fy).isNotDone();
      flusher.flushAll();
      assertThat(fx).isCompleted();
      assertThat(fy).isCompleted();
    }
  }

  @Test
  void theFlusherThreadCompletesFuturesOnItsOwn() throws Exception {
    try (LogFlusher flusher = LogFlusher.start(Duration.ofMillis(5), "test-flusher");
        Log log = Log.open(dir, LogTest.smallConfig(FsyncPolicy.interval(flusher)))) {
      long last = 0;
      for (int i = 0; i < 50; i++) {
        last = log.append(i, ByteBuffer.allocate(100));
      }
      log.durable(last).get(10, TimeUnit.SECONDS);
      assertThat(log.forces()).isPositive();
      assertThat(flusher.interval()).isEqualTo(Duration.ofMillis(5));
    }
  }

  @Test
  void everyWriteIsDurableWhenAppendReturns() throws IOException {
    try (Log log = Log.open(dir, LogTest.smallConfig(FsyncPolicy.everyWrite()))) {
      for (int i = 0; i < 5; i++) {
        long offset = log.append(i, ByteBuffer.allocate(2000)); // rolls, too
        assertThat(log.durable(offset)).isCompleted();
        assertThat(log.forces()).isEqualTo(i + 1);
      }
    }
  }

  @Test
  void closeForcesAndCompletesPendingFutures() throws IOException {
    LogFlusher flusher = LogFlusher.manual();
    Log log = Log.open(dir, LogTest.smallConfig(FsyncPolicy.interval(flusher)));
    CompletableFuture<Void> pending = log.durable(log.append(1, ByteBuffer.allocate(10)));
    assertThat(pending).isNotDone();
    log.close();
    assertThat(pending).isCompleted();
    assertThat(log.forces()).isEqualTo(1);
    flusher.flushAll(); // the closed log has left the flusher
  }

  @Test
  void entriesRecoveredOnOpenAreAlreadyDurable() throws IOException {
    LogFlusher flusher = LogFlusher.manual();
    try (Log log = Log.open(dir, LogTest.smallConfig(FsyncPolicy.interval(flusher)))) {
      log.append(1, ByteBuffer.allocate(10));
    }
    try (Log log = Log.open(dir, LogTest.smallConfig(FsyncPolicy.interval(flusher)))) {
      assertThat(log.durable(0)).isCompleted();
    }
  }

  @Test
  void continuousQueuesADirtyLogOnceAndOneForceCoversEverythingBeforeIt() throws IOException {
    LogFlusher flusher = LogFlusher.continuousManual();
    LogConfig config = LogTest.smallConfig(FsyncPolicy.interval(flusher));
    try (Log x = Log.open(dir.resolve("x"), config); Log y = Log.open(dir.resolve("y"), config)) {
      CompletableFuture<Void> x0 = x.durable(x.append(1, ByteBuffer.allocate(3)));
      CompletableFuture<Void> x1 = x.durable(x.appendAll(2, List.of(ByteBuffer.allocate(4), ByteBuffer.allocate(5))) + 1);
      CompletableFuture<Void> y0 = y.durable(y.append(1, ByteBuffer.allocate(3)));
      assertThat(x0).isNotDone();

      assertThat(flusher.forceNextQueued()).isTrue(); // x, queued once for both appends
      assertThat(x0).isCompleted();
      assertThat(x1).isCompleted();
      assertThat(x.forces()).isEqualTo(1);
      assertThat(y0).isNotDone();
      assertThat(flusher.forceNextQueued()).isTrue(); // then y
      assertThat(y0).isCompleted();
      assertThat(flusher.forceNextQueued()).isFalse(); // nothing dirty, nothing queued

      CompletableFuture<Void> x3 = x.durable(x.append(3, ByteBuffer.allocate(3))); // queued again
      assertThat(x3).isNotDone();
      assertThat(flusher.forceNextQueued()).isTrue();
      assertThat(x3).isCompleted();
      assertThat(x.forces()).isEqualTo(2);
    }
  }

  @Test
  void continuousThreadsForceManyLogsWithoutATimer() throws Exception {
    try (LogFlusher flusher = LogFlusher.continuous("test-continuous", 2)) {
      assertThat(flusher.isContinuous()).isTrue();
      assertThat(flusher.interval()).isZero();
      LogConfig config = LogTest.smallConfig(FsyncPolicy.interval(flusher));
      List<Log> logs = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          logs.add(Log.open(dir.resolve("log" + i), config));
        }
        List<Thread> writers = new ArrayList<>();
        List<CompletableFuture<Void>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Log log : logs) {
          Thread writer = new Thread(() -> {
            try {
              for (int n = 0; n < 200; n++) {
                futures.add(log.durable(log.append(n, ByteBuffer.allocate(50))));
              }
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
          writers.add(writer);
          writer.start();
        }
        for (Thread writer : writers) {
          writer.join();
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (Log log : logs) {
          assertThat(log.forces()).isBetween(1L, 200L);
        }
      } finally {
        for (Log log : logs) {
          log.close();
        }
      }
    }
  }

  @Test
  void closingAContinuousFlusherForcesWhatItsLogsStillHold() throws IOException {
    LogFlusher flusher = LogFlusher.continuousManual(); // no thread will take the queued log
    try (Log log = Log.open(dir, LogTest.smallConfig(FsyncPolicy.interval(flusher)))) {
      CompletableFuture<Void> pending = log.durable(log.append(1, ByteBuffer.allocate(10)));
      assertThat(pending).isNotDone();
      flusher.close();
      assertThat(pending).isCompleted();
    }
  }

  @Test
  void continuousNeedsAThread() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogFlusher.continuous("x", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
