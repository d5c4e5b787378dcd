package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an engine process ({@link EngineCrashChild}) with SIGKILL at seeded random moments while it
 * puts records and reshards, reopening the same directory every round: every acknowledged record is
 * there under its sequence number with its data, no number is ever given to two records, and the
 * metadata and logs agree (every shard reads back to its end).
 */
class DataStreamEngineCrashTest {

  private static final int ROUNDS = 8;

  @TempDir
  Path dir;

  @Test
  void killedEngineLosesNothingAcknowledgedAndReusesNoNumber() throws Exception {
    Random random = new Random(20261125L);
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    java.util.Queue<String> reused = new java.util.concurrent.ConcurrentLinkedQueue<>();
    Path stderr = Path.of("target", "engine-crash-child-stderr.txt").toAbsolutePath();
    for (int round = 0; round < ROUNDS; round++) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
          EngineCrashChild.class.getName(), dir.resolve("engine").toString(), Integer.toString(round))
          .redirectError(Redirect.appendTo(stderr.toFile())).start();
      CountDownLatch opened = new CountDownLatch(1);
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            if (line.equals("open")) {
              opened.countDown();
            } else if (line.startsWith("ack ")) {
              String[] parts = line.split(" ", 3);
              if (acknowledged.putIfAbsent(parts[1], parts[2]) != null) {
                reused.add(parts[1]);
              }
            }
          }
        } catch (java.io.IOException e) {
          // the child died mid-line: that line was never acknowledged
        }
      });
      reader.start();
      try {
        assertThat(opened.await(20, TimeUnit.SECONDS)).as("child opened the engine").isTrue();
        Thread.sleep(50 + random.nextInt(400));
      } finally {
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(10_000);
      assertThat(reused).as("sequence numbers given to two records").isEmpty();
      verify(acknowledged, round);
    }
    assertThat(acknowledged).as("the child acknowledged records").hasSizeGreaterThan(ROUNDS * 10);
  }

  private void verify(Map<String, String> acknowledged, int round) throws Exception {
    Map<String, String> stored = new HashMap<>();
    try (DataStreamEngine engine = DataStreamEngine.open(dir.resolve("engine"), EngineConfig.defaults())) {
      for (ShardInfo shard : engine.describeStream("s").shards()) {
        String iterator = engine.getShardIterator("s", shard.id(), IteratorType.TRIM_HORIZON, null, null);
        RecordBatch batch;
        do {
          batch = engine.getRecords(iterator, 10_000);
          batch.records().forEach(r -> stored.put(r.sequenceNumber().toString(), new String(r.data(), StandardCharsets.UTF_8)));
          iterator = batch.nextShardIterator();
        } while (iterator != null && !batch.records().isEmpty());
        if (!shard.isOpen()) {
          assertThat(iterator).as("closed shard %s reads to its end, round %d", shard.id(), round).isNull();
        }
      }
    }
    for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
      assertThat(stored.get(ack.getKey())).as("acknowledged %s after round %d", ack.getKey(), round).isEqualTo(ack.getValue());
    }
    acknowledged.putAll(stored); // records stored but not yet acknowledged keep their numbers too
  }
}
