package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.datastream.lease.HttpLeaseStore;
import dev.argus.datastream.lease.Lease;
import dev.argus.datastream.lease.LeaseStoreException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The consumer library across processes: argus.jar serves Kinesis and the lease table; three
 * worker JVMs ({@link ConsumerWorker}) share an eight-shard stream; one is killed with SIGKILL
 * mid-stream. Every record must be processed at least once, each processor must see each key's
 * records in order without gaps from where it started, and the duplicates are counted and
 * reported. A second test splits and merges shards while workers run.
 *
 * <p>The workers poll with GetRecords here; {@link ConsumerFanOutIT} runs every test again with
 * enhanced fan-out ({@link #retrieval()}).
 */
class ConsumerFailoverIT {

  private static final long FAILOVER_MILLIS = 5_000;
  private static final long WAIT_MILLIS = 120_000;

  @TempDir
  Path dir;
  private final List<Process> workers = new ArrayList<>();
  private final Map<String, Integer> putPerKey = new LinkedHashMap<>();

  @AfterEach
  void stopWorkers() throws InterruptedException {
    for (Process worker : workers) {
      if (worker.isAlive()) {
        worker.destroyForcibly().waitFor();
      }
    }
  }

  /** One processed user record, as a worker wrote it. */
  record Line(String worker, int instance, long micros, String shard, String sequence, long sub, String key,
      String data) {
    int n() {
      return Integer.parseInt(data.substring(data.indexOf(':') + 1));
    }
  }

  /** How the workers read: {@code polling} or {@code fanout} (a {@link ConsumerWorker} argument). */
  String retrieval() {
    return "polling";
  }

  /** A report file under target/, named for the retrieval mode. */
  private Path report(String what) {
    return Path.of("target", "consumer-" + (retrieval().equals("polling") ? "" : retrieval() + "-") + what
        + "-report.txt");
  }

  private Process startWorker(ArgusProcess argus, String stream, String id) throws IOException {
    Path log = dir.resolve(id + ".log");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), ConsumerWorker.class.getName(),
        argus.endpoint().toString(), stream, "app-" + stream, id, String.valueOf(FAILOVER_MILLIS),
        dir.resolve(id + ".out").toString(), retrieval())
        .redirectError(log.toFile()).redirectOutput(dir.resolve(id + ".stdout").toFile()).start();
    workers.add(process);
    return process;
  }

  private List<Line> lines() throws IOException {
    List<Line> lines = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".out")).toList()) {
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] f = text.split(" ");
          if (f.length == 8) { // a SIGKILL may leave a torn last line
            lines.add(new Line(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), f[3], f[4], Long.parseLong(f[5]),
                f[6], f[7]));
          }
        }
      }
    }
    return lines;
  }

  private long distinctDelivered() throws IOException {
    return lines().stream().map(Line::data).distinct().count();
  }

  private long totalPut() {
    return putPerKey.values().stream().mapToInt(Integer::intValue).sum();
  }

  private void put(KinesisClient kinesis, String stream, int count, int keys) {
    put(kinesis, stream, count, keys, 125);
  }

  private void put(KinesisClient kinesis, String stream, int count, int keys, long pauseMillis) {
    List<PutRecordsRequestEntry> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = "camera-" + (i % keys);
      int n = putPerKey.merge(key, 1, Integer::sum) - 1;
      batch.add(PutRecordsRequestEntry.builder().partitionKey(key)
          .data(SdkBytes.fromString(key + ":" + n, StandardCharsets.UTF_8)).build());
      if (batch.size() == 250 || i == count - 1) {
        assertThat(kinesis.putRecords(b -> b.streamName(stream).records(batch)).failedRecordCount()).isZero();
        batch.clear();
        try {
          Thread.sleep(pauseMillis); // 125 ms: ~2,000 records/s over 8 shards, under 1,000/s per shard
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static void await(String what, BooleanSupplierIo condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
    while (!holds(condition)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(250); // reading the workers' files is not free: poll gently
    }
  }

  /** A condition that could not be read (the server busy past a client timeout) does not hold yet. */
  private static boolean holds(BooleanSupplierIo condition) throws Exception {
    try {
      return condition.getAsBoolean();
    } catch (LeaseStoreException notYet) { // busy past a timeout, or no table before the workers made it
      return false;
    }
  }

  @FunctionalInterface
  interface BooleanSupplierIo {
    boolean getAsBoolean() throws Exception;
  }

  private static void createStream(KinesisClient kinesis, String stream, int shards) throws Exception {
    kinesis.createStream(b -> b.streamName(stream).shardCount(shards));
    awaitActive(kinesis, stream);
  }

  private static void awaitActive(KinesisClient kinesis, String stream) throws Exception {
    await(stream + " active", () -> kinesis.describeStreamSummary(b -> b.streamName(stream))
        .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
  }

  /** No record lost; every processor instance saw each key consecutively from where it began. */
  private long assertAtLeastOnceInOrder() throws IOException {
    List<Line> lines = lines();
    Set<String> delivered = new HashSet<>();
    long duplicates = 0;
    for (Line line : lines) {
      if (!delivered.add(line.data())) {
        duplicates++;
      }
    }
    List<String> missing = new ArrayList<>();
    putPerKey.forEach((key, count) -> {
      for (int n = 0; n < count; n++) {
        if (!delivered.contains(key + ":" + n)) {
          missing.add(key + ":" + n);
        }
      }
    });
    assertThat(missing).as("records never processed").isEmpty();
    Map<String, Integer> lastN = new HashMap<>();
    for (Line line : lines) {
      String term = line.worker() + "/" + line.instance() + "/" + line.key();
      Integer previous = lastN.put(term, line.n());
      if (previous != null) {
        assertThat(line.n()).as("%s after %d", term, previous).isEqualTo(previous + 1);
      }
    }
    return duplicates;
  }

  @Test
  void threeWorkersOneKilledMidStreamLoseNothingAndKeepKeyOrder() throws Exception {
    // Shard limits on, as in AWS: readers are throttled and back off; the producer stays under them.
    try (ArgusProcess argus = ArgusProcess.start(dir.resolve("data"));
        KinesisClient kinesis = Clients.kinesis(argus.endpoint())) {
      createStream(kinesis, "faces", 8);
      HttpLeaseStore leases = new HttpLeaseStore(argus.endpoint(), "app-faces");
      startWorker(argus, "faces", "w0");
      Process victim = startWorker(argus, "faces", "w1");
      startWorker(argus, "faces", "w2");
      await("each worker holds shards", () -> {
        List<Lease> all = leases.list();
        return all.size() == 8 && all.stream().map(Lease::owner).distinct().filter(o -> o != null).count() == 3;
      });
      long started = System.nanoTime();
      put(kinesis, "faces", 8_000, 64);
      await("half the records are processed", () -> distinctDelivered() >= 4_000);

      victim.destroyForcibly().waitFor(); // SIGKILL
      long killed = System.nanoTime();
      put(kinesis, "faces", 8_000, 64);
      await("no lease is held by the killed worker",
          () -> leases.list().stream().noneMatch(l -> "w1".equals(l.owner())));
      long failoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
      await("every record is processed", () -> distinctDelivered() == totalPut());
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      long duplicates = assertAtLeastOnceInOrder();
      String report = "consumer failover (" + retrieval() + "): 3 workers, 8 shards, " + totalPut() + " records, SIGKILL of w1 mid-stream;"
          + " leases moved " + failoverMillis + " ms after the kill (failover time " + FAILOVER_MILLIS + " ms);"
          + " " + duplicates + " duplicate deliveries; all processed " + elapsedMillis + " ms after the first put";
      System.err.println(report);
      Files.writeString(report("failover"), report + "\n");
      assertThat(leases.list()).allSatisfy(l -> assertThat(l.owner()).isIn("w0", "w2"));
      // Repeats come only from w1's shards, from its last checkpoint (at most 0.5 s old) to the kill.
      assertThat(duplicates).isLessThanOrEqualTo(lines().stream().filter(l -> l.worker().equals("w1")).count());
    }
  }

  @Test
  void aSplitAndAMergeWhileWorkersRunKeepPerKeyOrder() throws Exception {
    try (ArgusProcess argus = ArgusProcess.start(dir.resolve("data"), "--shard-limits", "off");
        KinesisClient kinesis = Clients.kinesis(argus.endpoint())) {
      createStream(kinesis, "faces", 2);
      startWorker(argus, "faces", "w0");
      startWorker(argus, "faces", "w1");
      put(kinesis, "faces", 1_000, 40);

      Shard first = kinesis.listShards(b -> b.streamName("faces")).shards().get(0);
      BigInteger middle = new BigInteger(first.hashKeyRange().startingHashKey())
          .add(new BigInteger(first.hashKeyRange().endingHashKey())).shiftRight(1);
      kinesis.splitShard(b -> b.streamName("faces").shardToSplit(first.shardId()).newStartingHashKey(middle.toString()));
      awaitActive(kinesis, "faces");
      put(kinesis, "faces", 1_000, 40);
      List<Shard> open = kinesis.listShards(b -> b.streamName("faces")).shards().stream()
          .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
          .sorted(Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey())))
          .toList();
      kinesis.mergeShards(b -> b.streamName("faces").shardToMerge(open.get(1).shardId())
          .adjacentShardToMerge(open.get(2).shardId()));
      awaitActive(kinesis, "faces");
      put(kinesis, "faces", 1_000, 40);

      await("every record is processed", () -> distinctDelivered() == totalPut());
      assertAtLeastOnceInOrder();
      // Across shards: each key's first deliveries, in the order they were written, follow put order.
      Map<String, Line> firstByRecord = new HashMap<>();
      for (Line line : lines()) {
        firstByRecord.merge(line.data(), line, (a, b) -> a.micros() <= b.micros() ? a : b);
      }
      Map<String, List<Line>> byKey = new HashMap<>();
      firstByRecord.values().forEach(l -> byKey.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l));
      byKey.forEach((key, list) -> {
        list.sort(Comparator.comparingLong(Line::micros).thenComparingInt(Line::n));
        assertThat(list).extracting(Line::n).as("key %s across the reshards", key).isSorted();
      });
      assertThat(lines()).extracting(Line::shard).contains(first.shardId(), open.get(1).shardId(),
          open.get(2).shardId());
      // The finished shards' leases are deleted once their children started: only the open ones stay.
      HttpLeaseStore leases = new HttpLeaseStore(argus.endpoint(), "app-faces");
      Set<String> stillOpen = new HashSet<>();
      kinesis.listShards(b -> b.streamName("faces")).shards().stream()
          .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).forEach(s -> stillOpen.add(s.shardId()));
      await("only the open shards have leases", () -> leases.list().stream().map(Lease::leaseKey)
          .collect(java.util.stream.Collectors.toSet()).equals(stillOpen));
    }
  }

  /** The machine's load (1, 5, 15 min), as uptime prints it: the machine may be shared. */
  private static String loadAverage() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    if (!Files.exists(loadavg)) {
      return "unknown";
    }
    String[] f = Files.readString(loadavg).trim().split(" ");
    return f[0] + ", " + f[1] + ", " + f[2];
  }

  /**
   * Benchmark, not a check (run with {@code -Dargus.bench=true}): two worker JVMs drain an
   * eight-shard stream with shard limits off; records/s from the first record processed to the last,
   * with the load average. {@link ConsumerFanOutIT} runs it with fan-out workers.
   */
  @Test
  @EnabledIfSystemProperty(named = "argus.bench", matches = "true")
  void benchmarkTwoWorkersDrainingEightShards() throws Exception {
    try (ArgusProcess argus = ArgusProcess.start(dir.resolve("data"), "--shard-limits", "off");
        KinesisClient kinesis = Clients.kinesis(argus.endpoint())) {
      createStream(kinesis, "bench", 8);
      int records = Integer.getInteger("argus.bench.records", 80_000);
      put(kinesis, "bench", records, 256, 0);
      long started = System.nanoTime();
      startWorker(argus, "bench", "w0");
      startWorker(argus, "bench", "w1");
      await("every record is processed", () -> distinctDelivered() == totalPut());
      long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      List<Line> lines = lines();
      long first = lines.stream().mapToLong(Line::micros).min().orElseThrow();
      long last = lines.stream().mapToLong(Line::micros).max().orElseThrow();
      long duplicates = assertAtLeastOnceInOrder();
      String report = String.format("consumer throughput (%s): 2 workers, 8 shards, %d records: %.0f records/s from"
          + " first to last processed (%.1f s), %d ms from worker launch to the last record, %d duplicates;"
          + " load average %s", retrieval(), records, records / ((last - first) / 1e6), (last - first) / 1e6,
          wallMillis, duplicates, loadAverage());
      System.err.println(report);
      Files.writeString(report("throughput"), report + "\n");
    }
  }
}
