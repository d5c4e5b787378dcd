package dev.argus.it;

import dev.argus.datastream.aggregation.DeaggregatedRecord;
import dev.argus.datastream.consumer.ConsumerConfig;
import dev.argus.datastream.consumer.InitialPosition;
import dev.argus.datastream.consumer.InitializationInput;
import dev.argus.datastream.consumer.LeaseLostInput;
import dev.argus.datastream.consumer.ProcessRecordsInput;
import dev.argus.datastream.consumer.Scheduler;
import dev.argus.datastream.consumer.ShardEndedInput;
import dev.argus.datastream.consumer.ShardRecordProcessor;
import dev.argus.datastream.consumer.ShardRecordProcessorFactory;
import dev.argus.datastream.consumer.ShutdownRequestedInput;
import dev.argus.datastream.lease.HttpLeaseStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A consumer worker process for {@link ConsumerFailoverIT}: a {@link Scheduler} on the Argus
 * Kinesis API with the Argus lease table, whose processor appends every user record it is given to
 * a file ({@code worker instance epochMicros shardId sequenceNumber subSequenceNumber partitionKey data},
 * one a line; {@code instance} numbers the worker's processors, one per lease term),
 * flushed after each batch; it checkpoints at most every half second. SIGTERM shuts it down cleanly
 * (final checkpoints); SIGKILL is the crash under test.
 *
 * <p>Arguments: endpoint stream table workerId failoverMillis outputFile [polling|fanout]. With
 * {@code fanout} the worker reads by enhanced fan-out through the SDK's async client on its Netty
 * HTTP client (HTTP/2, h2c with prior knowledge to the {@code http://} endpoint), as the stream
 * consumer named like the lease table; otherwise it polls with GetRecords.
 */
public final class ConsumerWorker {

  private ConsumerWorker() {
  }

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    String stream = args[1];
    String table = args[2];
    String workerId = args[3];
    Duration failover = Duration.ofMillis(Long.parseLong(args[4]));
    Path output = Path.of(args[5]);
    BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    boolean fanOut = args.length > 6 && args[6].equals("fanout");
    ConsumerConfig config = ConsumerConfig.withFailover(stream, workerId, InitialPosition.trimHorizon(), failover)
        .withShardSyncInterval(Duration.ofMillis(500)).withIdleBetweenReads(Duration.ofMillis(100));
    HttpLeaseStore leases = new HttpLeaseStore(endpoint, table);
    ShardRecordProcessorFactory processors = () -> new FileProcessor(workerId, out);
    Scheduler scheduler;
    if (fanOut) {
      KinesisAsyncClient kinesis = KinesisAsyncClient.builder().endpointOverride(endpoint).region(Clients.REGION)
          .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
      scheduler = Scheduler.fanOut(config, kinesis, table, leases, processors, Clock.systemUTC(),
          new Random(workerId.hashCode()));
    } else {
      KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoint).region(Clients.REGION)
          .credentialsProvider(Clients.CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build();
      scheduler = new Scheduler(config, kinesis, leases, processors, Clock.systemUTC(), new Random(workerId.hashCode()));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      scheduler.shutdown();
      synchronized (out) {
        try {
          out.flush();
        } catch (IOException ignored) {
          // exiting anyway
        }
      }
      stopped.countDown();
    }));
    scheduler.start();
    System.out.println("worker " + workerId + " started");
    stopped.await();
  }

  /** Appends each record to the shared output, then checkpoints the batch. */
  private static final class FileProcessor implements ShardRecordProcessor {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final int instance = INSTANCES.incrementAndGet();
    private static final long CHECKPOINT_EVERY_MILLIS = 500;
    private final String workerId;
    private final BufferedWriter out;
    private String shardId;
    private long lastCheckpointNanos = System.nanoTime();

    FileProcessor(String workerId, BufferedWriter out) {
      this.workerId = workerId;
      this.out = out;
    }

    @Override
    public void initialize(InitializationInput input) {
      shardId = input.shardId();
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
      synchronized (out) {
        try {
          for (DeaggregatedRecord r : input.records()) {
            java.time.Instant now = java.time.Instant.now();
            long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
            out.write(workerId + " " + instance + " " + micros + " " + shardId + " " + r.sequenceNumber() + " " + r.subSequenceNumber() + " "
                + r.partitionKey() + " " + new String(r.data(), StandardCharsets.UTF_8) + "\n");
          }
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      // Checkpoint at most every CHECKPOINT_EVERY_MILLIS, as applications usually do: a crash
      // then repeats what was processed since, which the IT counts.
      long now = System.nanoTime();
      if (now - lastCheckpointNanos >= CHECKPOINT_EVERY_MILLIS * 1_000_000) {
        input.checkpointer().checkpoint();
        lastCheckpointNanos = now;
      }
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
      input.checkpointer().checkpoint();
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
      input.checkpointer().checkpoint();
    }
  }
}
