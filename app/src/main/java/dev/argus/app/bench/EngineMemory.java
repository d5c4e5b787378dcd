package dev.argus.app.bench;

import dev.argus.datastream.engine.DataStreamEngine;
import dev.argus.datastream.engine.EngineConfig;
import dev.argus.log.Log;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Heap held by idle data streams: an in-process engine in a temp directory, heap used after GC
 * before and after creating {@code streams} one-shard streams, then as many four-shard ones. The
 * difference divided by the count is the memory per idle stream and per shard. Approximate (GC
 * noise is averaged over the count), and only heap: each shard also holds three open files (its
 * active segment, that segment's index, its directory lock), and a fourth, the segment opened for
 * direct writes, from its first batch of {@link EngineConfig#directAppendBytes()} or more.
 */
final class EngineMemory {

  private EngineMemory() {
  }

  /** Figures: bytes per one-shard stream, and per extra shard. */
  static Map<String, String> measure(int streams) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("argus-bench-memory");
    try (DataStreamEngine engine = DataStreamEngine.open(dir, EngineConfig.defaults().withMaxOpenShards(10 * streams))) {
      long base = usedAfterGc();
      for (int i = 0; i < streams; i++) {
        engine.createStream("one-" + i, 1, null, null);
      }
      long oneShard = usedAfterGc();
      for (int i = 0; i < streams; i++) {
        engine.createStream("four-" + i, 4, null, null);
      }
      long fourShards = usedAfterGc();
      double perStream = (oneShard - base) / (double) streams;
      double perShard = (fourShards - oneShard) / (double) streams / 3; // a four-shard stream has three more
      return Map.of("heap per idle 1-shard stream, KiB", String.format("%.1f", perStream / 1024),
          "heap per additional shard, KiB", String.format("%.1f", perShard / 1024));
    } finally {
      Log.deleteAll(dir);
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
