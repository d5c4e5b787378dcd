package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
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
}
