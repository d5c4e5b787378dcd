package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded pool of staging buffers that every {@link DirectAppender} shares. */
class StagingBuffersTest {

  @TempDir Path dir;

  /**
   * Twelve threads, each appending seeded batches to its own file, share a pool of two 16 KiB
   * buffers, so most appends span several buffer-fulls and many wait for a buffer. Every file holds
   * exactly its own bytes (a buffer handed on while still in use would mix them), and no more than
   * two buffers were ever made.
   */
  @Test
  void manyWritersShareAFewBuffersAndEachFileHoldsItsOwnBytes() throws Exception {
    assumeTrue(DirectIo.supportedIn(dir), "no direct I/O on " + dir);
    StagingBuffers buffers = new StagingBuffers(2, 4 * DirectAppender.ALIGNMENT);
    int writers = 12;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<byte[]>> written = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Path file = Files.createFile(dir.resolve("writer-" + w + ".log"));
        long seed = w;
        written.add(pool.submit(writeSeeded(file, seed, buffers)));
      }
      for (int w = 0; w < writers; w++) {
        DirectAppenderTest.assertFileHolds(dir.resolve("writer-" + w + ".log"), written.get(w).get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(buffers.made()).isBetween(1, 2);
    assertThat(buffers.hasWaiters()).isFalse();
  }

  private static Callable<byte[]> writeSeeded(Path file, long seed, StagingBuffers buffers) {
    return () -> {
      Random random = new Random(seed);
      ByteArrayOutputStream model = new ByteArrayOutputStream();
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
           DirectAppender appender = DirectAppender.open(file, channel, buffers)) {
        for (int call = 0; call < 40; call++) {
          byte[] bytes = new byte[1 + random.nextInt(10 * DirectAppender.ALIGNMENT)];
          random.nextBytes(bytes);
          appender.append(model.size(), ByteBuffer.wrap(bytes));
          model.write(bytes);
        }
      }
      return model.toByteArray();
    };
  }

  /** With every buffer out, a writer waits, then gets the very buffer given back, cleared. */
  @Test
  void aWriterWaitsForTheBufferGivenBack() throws Exception {
    StagingBuffers buffers = new StagingBuffers(1, DirectAppender.ALIGNMENT);
    ByteBuffer held = buffers.acquire();
    assertThat(held.capacity()).isGreaterThanOrEqualTo(DirectAppender.ALIGNMENT);
    assertThat(held.isDirect()).isTrue();
    held.put((byte) 7);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<ByteBuffer> next = other.submit(buffers::acquire);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!buffers.hasWaiters() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(buffers.hasWaiters()).as("the second writer waits").isTrue();
      assertThat(next.isDone()).isFalse();
      buffers.release(held);
      ByteBuffer handed = next.get(30, TimeUnit.SECONDS);
      assertThat(handed).isSameAs(held);
      assertThat(handed.position()).isZero();
      assertThat(buffers.made()).isEqualTo(1);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void refusesNoBuffersAndPartialBlocks() {
    assertThatThrownBy(() -> new StagingBuffers(0, DirectAppender.ALIGNMENT)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StagingBuffers(1, DirectAppender.ALIGNMENT + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StagingBuffers(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
