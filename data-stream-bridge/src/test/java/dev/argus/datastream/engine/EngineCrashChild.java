package dev.argus.datastream.engine;

import dev.argus.datastream.shard.HashKeys;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The engine process that {@link DataStreamEngineCrashTest} kills: opens the engine in {@code
 * args[0]} (group commit: continuous in even rounds, the 2 ms interval in odd ones), creates stream
 * {@code s} if missing, then puts batches forever, printing
 * {@code ack <sequence number> <data>} for each record only after its put completed (durable), and
 * now and then splits or merges shards.
 */
final class EngineCrashChild {

  private EngineCrashChild() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int round = Integer.parseInt(args[1]);
    Random random = new Random(round);
    PrintStream out = System.out;
    EngineConfig config = EngineConfig.defaults().withShardLimits(false);
    if (round % 2 == 1) {
      config = config.withFsyncInterval(Duration.ofMillis(2));
    }
    try (DataStreamEngine engine = DataStreamEngine.open(dir, config)) {
      if (engine.listStreams(null, 10).streams().isEmpty()) {
        engine.createStream("s", 2, null, null);
      }
      out.println("open");
      out.flush();
      for (int batch = 0; ; batch++) {
        List<PutEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          String data = "r" + round + "-b" + batch + "-" + i;
          entries.add(PutEntry.of("pk-" + random.nextInt(100), data.getBytes(StandardCharsets.UTF_8)));
        }
        List<PutOutcome> outcomes = engine.putRecords("s", entries).join();
        for (int i = 0; i < outcomes.size(); i++) {
          PutOutcome.Stored stored = (PutOutcome.Stored) outcomes.get(i);
          out.println("ack " + stored.sequenceNumber() + " " + new String(entries.get(i).data(), StandardCharsets.UTF_8));
        }
        out.flush();
        if (batch % 20 == 19) {
          reshard(engine, random);
        }
      }
    }
  }

  private static void reshard(DataStreamEngine engine, Random random) {
    List<ShardInfo> open = engine.describeStream("s").openShards().stream()
        .sorted(Comparator.comparing(s -> s.hashKeyRange().start())).toList();
    if (open.size() < 6 && (open.size() < 2 || random.nextBoolean())) {
      ShardInfo target = open.get(random.nextInt(open.size()));
      engine.splitShard("s", target.id(), HashKeys.midpoint(target.hashKeyRange()));
    } else {
      int i = random.nextInt(open.size() - 1);
      engine.mergeShards("s", open.get(i).id(), open.get(i + 1).id());
    }
  }
}
