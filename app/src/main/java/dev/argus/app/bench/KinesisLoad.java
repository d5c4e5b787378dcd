package dev.argus.app.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The load phases of {@code argus bench kinesis} against one endpoint, through one SDK client.
 * Each phase returns its figures; nothing here asserts anything. Not thread-safe: one run at a time.
 */
final class KinesisLoad {

  /**
   * Figures of one throughput phase.
   *
   * @param benchCores the CPU this bench JVM used during the phase, in cores (see {@link PhaseClock})
   */
  record Throughput(long records, long bytes, long failed, double seconds, double benchCores) {

    static Throughput of(long records, long bytes, long failed, PhaseClock clock) {
      double seconds = clock.seconds();
      return new Throughput(records, bytes, failed, seconds, clock.cpuSeconds() / seconds);
    }

    double recordsPerSecond() {
      return records / seconds;
    }

    double mibPerSecond() {
      return bytes / seconds / (1 << 20);
    }
  }

  private final KinesisClient kinesis;
  private final Random random;

  KinesisLoad(KinesisClient kinesis, long seed) {
    this.kinesis = kinesis;
    this.random = new Random(seed);
  }

  void createStream(String name, int shards) throws InterruptedException {
    kinesis.createStream(r -> r.streamName(name).shardCount(shards));
    while (kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      Thread.sleep(20);
    }
  }

  void deleteStream(String name) throws InterruptedException {
    kinesis.deleteStream(r -> r.streamName(name));
    try {
      while (true) {
        kinesis.describeStreamSummary(r -> r.streamName(name));
        Thread.sleep(20);
      }
    } catch (ResourceNotFoundException gone) {
      // deleted
    }
  }

  /** {@code threads} producers each sending PutRecords of {@code batch} records of {@code size} bytes. */
  Throughput putRecords(String stream, int threads, int batch, int size, Duration length) throws Exception {
    List<PutRecordsRequestEntry> entries = new ArrayList<>(batch);
    byte[] data = new byte[size];
    random.nextBytes(data);
    for (int i = 0; i < batch; i++) {
      entries.add(PutRecordsRequestEntry.builder().partitionKey("pk-" + random.nextInt(1_000_000))
          .data(SdkBytes.fromByteArray(data)).build());
    }
    long deadline = System.nanoTime() + length.toNanos();
    PhaseClock clock = new PhaseClock();
    List<long[]> totals = parallel(threads, () -> {
      long records = 0;
      long failed = 0;
      while (System.nanoTime() < deadline) {
        PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(entries));
        failed += response.failedRecordCount();
        records += batch - response.failedRecordCount();
      }
      return new long[] {records, failed};
    });
    long records = totals.stream().mapToLong(t -> t[0]).sum();
    long failed = totals.stream().mapToLong(t -> t[1]).sum();
    return Throughput.of(records, records * size, failed, clock);
  }

  /** Sequential PutRecord calls of {@code size} bytes; their latencies. */
  Latencies putRecordLatency(String stream, int count, int size) {
    Latencies latencies = new Latencies();
    byte[] data = new byte[size];
    random.nextBytes(data);
    SdkBytes bytes = SdkBytes.fromByteArray(data);
    for (int i = 0; i < count; i++) {
      String key = "pk-" + i;
      long start = System.nanoTime();
      kinesis.putRecord(r -> r.streamName(stream).partitionKey(key).data(bytes));
      latencies.add(System.nanoTime() - start);
    }
    return latencies;
  }

  /**
   * One producer puts {@code count} records, one every {@code gap}, each carrying its send time; a
   * consumer polls the (single-shard) stream with GetRecords, waiting {@code pauseWhenEmpty} after
   * a call that returned nothing ({@link Duration#ZERO}: it polls as fast as it can, which keeps
   * a core busy with the client alone). The latency is from just before PutRecord to the moment
   * GetRecords returns the record.
   */
  Latencies propagation(String stream, int count, Duration gap, Duration pauseWhenEmpty) throws Exception {
    String shard = kinesis.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
    String start = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
    Latencies latencies = new Latencies();
    AtomicBoolean producing = new AtomicBoolean(true);
    ExecutorService consumer = Executors.newSingleThreadExecutor();
    Future<?> reading = consumer.submit(() -> {
      String iterator = start;
      int seen = 0;
      long idleDeadline = Long.MAX_VALUE;
      while (seen < count && System.nanoTime() < idleDeadline) {
        final String current = iterator;
        GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(current));
        long now = System.nanoTime();
        for (Record record : response.records()) {
          latencies.add(now - record.data().asByteBuffer().getLong());
          seen++;
        }
        iterator = response.nextShardIterator();
        if (response.records().isEmpty() && !pauseWhenEmpty.isZero()) {
          Thread.sleep(pauseWhenEmpty.toMillis(), pauseWhenEmpty.toNanosPart() % 1_000_000);
        }
        if (!producing.get() && idleDeadline == Long.MAX_VALUE) {
          idleDeadline = now + Duration.ofSeconds(5).toNanos();
        }
      }
      return null;
    });
    for (int i = 0; i < count; i++) {
      ByteBuffer payload = ByteBuffer.allocate(100);
      payload.putLong(0, System.nanoTime());
      kinesis.putRecord(r -> r.streamName(stream).partitionKey("p").data(SdkBytes.fromByteBuffer(payload)));
      Thread.sleep(gap.toMillis());
    }
    producing.set(false);
    reading.get();
    consumer.shutdown();
    return latencies;
  }

  /** One reader per shard reads everything from TRIM_HORIZON with Limit 10000, up to {@code length}. */
  Throughput getRecords(String stream, Duration length) throws Exception {
    List<Shard> shards = kinesis.listShards(r -> r.streamName(stream)).shards();
    long deadline = System.nanoTime() + length.toNanos();
    PhaseClock clock = new PhaseClock();
    List<long[]> totals = parallel(shards.stream().map(shard -> (Callable<long[]>) () -> {
      String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      long records = 0;
      long bytes = 0;
      while (iterator != null && System.nanoTime() < deadline) {
        final String current = iterator;
        GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
        for (Record record : response.records()) {
          bytes += record.data().asByteBuffer().remaining();
        }
        records += response.records().size();
        if (response.records().isEmpty() && response.millisBehindLatest() == 0) {
          break;
        }
        iterator = response.nextShardIterator();
      }
      return new long[] {records, bytes};
    }).toList());
    return Throughput.of(totals.stream().mapToLong(t -> t[0]).sum(), totals.stream().mapToLong(t -> t[1]).sum(), 0,
        clock);
  }

  private static List<long[]> parallel(int threads, Callable<long[]> task) throws Exception {
    List<Callable<long[]>> tasks = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      tasks.add(task);
    }
    return parallel(tasks);
  }

  /** Runs each task on its own thread and returns their results in order. */
  private static List<long[]> parallel(List<Callable<long[]>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<long[]> out = new ArrayList<>();
      for (Future<long[]> future : pool.invokeAll(tasks)) {
        out.add(future.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
