package dev.argus.samples.faceeventsubscriber;

import dev.argus.datastream.aggregation.DeaggregatedRecord;
import dev.argus.datastream.consumer.ConsumerConfig;
import dev.argus.datastream.consumer.InitialPosition;
import dev.argus.datastream.consumer.InitializationInput;
import dev.argus.datastream.consumer.LeaseLostInput;
import dev.argus.datastream.consumer.ProcessRecordsInput;
import dev.argus.datastream.consumer.Scheduler;
import dev.argus.datastream.consumer.ShardEndedInput;
import dev.argus.datastream.consumer.ShardRecordProcessor;
import dev.argus.datastream.consumer.ShutdownRequestedInput;
import dev.argus.datastream.lease.HttpLeaseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Reads face-match records from a data stream with the consumer library and appends them, one
 * JSON line per detected face ({@link FaceEvents}), to a file. After each batch it forces the file
 * to disk and only then checkpoints, so a restart resumes after the last line written: at least
 * once, never lost (a crash between the write and the checkpoint repeats that batch's lines).
 *
 * <pre>java -cp samples.jar dev.argus.samples.faceeventsubscriber.FaceEventSubscriber \
 *     http://127.0.0.1:4566 face-events faces.jsonl</pre>
 *
 * Thread-safe: the consumer library calls each shard's processor from one thread; every
 * processor appends to the sink under its lock.
 */
public final class FaceEventSubscriber implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FaceEventSubscriber.class);
  /** The lease table this application's workers share (one table per application). */
  public static final String DEFAULT_APPLICATION = "face-event-subscriber";

  private final KinesisClient kinesis;
  private final FileChannel sink;
  private final Scheduler scheduler;

  private FaceEventSubscriber(KinesisClient kinesis, FileChannel sink, ConsumerConfig config, URI endpoint,
                              String application) {
    this.kinesis = kinesis;
    this.sink = sink;
    this.scheduler = new Scheduler(config, kinesis, new HttpLeaseStore(endpoint, application), Processor::new,
        Clock.systemUTC(), new Random());
  }

  /** Starts consuming {@code stream} from its oldest record (or the last checkpoint) into {@code sinkFile}. */
  public static FaceEventSubscriber start(URI endpoint, String stream, Path sinkFile, String application,
                                          String workerId) throws IOException {
    KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "any")))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
    FileChannel sink = FileChannel.open(sinkFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    ConsumerConfig config = ConsumerConfig.defaults(stream, workerId, InitialPosition.trimHorizon());
    FaceEventSubscriber subscriber = new FaceEventSubscriber(kinesis, sink, config, endpoint, application);
    subscriber.scheduler.start();
    return subscriber;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: FaceEventSubscriber ENDPOINT STREAM SINK.jsonl");
      System.exit(2);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (FaceEventSubscriber subscriber = start(URI.create(args[0]), args[1], Path.of(args[2]), DEFAULT_APPLICATION,
        "worker-" + ProcessHandle.current().pid())) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        subscriber.close();
        stopped.countDown();
      }));
      stopped.await();
    }
  }

  /** Checkpoints what was written and stops; idempotent. */
  @Override
  public synchronized void close() {
    scheduler.shutdown();
    try {
      sink.close();
    } catch (IOException e) {
      log.warn("closing the sink failed", e);
    }
    kinesis.close();
  }

  private void append(ProcessRecordsInput input) throws IOException {
    StringBuilder text = new StringBuilder();
    for (DeaggregatedRecord record : input.records()) {
      try {
        for (String line : FaceEvents.toLines(record.data())) {
          text.append(line).append('\n');
        }
      } catch (IOException e) {
        log.warn("skipping record {}: {}", record.sequenceNumber(), e.getMessage());
      }
    }
    synchronized (sink) {
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        sink.write(bytes);
      }
      sink.force(false);
    }
  }

  /** One shard: write, force, checkpoint. */
  private final class Processor implements ShardRecordProcessor {

    @Override
    public void initialize(InitializationInput input) {
      log.info("shard {} from {}", input.shardId(), input.checkpoint());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
      try {
        append(input);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the sink", e);
      }
      input.checkpointer().checkpoint();
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
      log.info("shard {} moved to another worker", input.shardId());
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
