package dev.argus.app.bench;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Polls a one-shard data stream from its end (LATEST at {@link #start()}) with GetRecords and
 * times every face-search record on arrival ({@link FaceRecordTiming}). Runs on a thread of its
 * own; counters and latencies are safe to read from any thread.
 */
final class FaceRecordReader {

  private final KinesisClient kinesis;
  private final String stream;
  private final long pollMillis;
  private final Latencies uploadToRead = new Latencies();
  private final Latencies captureToRead = new Latencies();
  private final Latencies captureToWritten = new Latencies();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong matched = new AtomicLong();
  private final AtomicLong lastRecordMillis = new AtomicLong(Long.MIN_VALUE);
  private final Thread thread;
  private volatile boolean stopping;
  private String iterator;

  FaceRecordReader(KinesisClient kinesis, String stream, long pollMillis) {
    this.kinesis = kinesis;
    this.stream = stream;
    this.pollMillis = pollMillis;
    this.thread = new Thread(this::run, "argus-bench-faces-reader");
    this.thread.setDaemon(true);
  }

  /** Takes the shard's end as the start, then polls in the background. */
  void start() {
    String shard = kinesis.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
    iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
    thread.start();
  }

  void stop() throws InterruptedException {
    stopping = true;
    thread.join();
  }

  private void run() {
    while (!stopping && iterator != null) {
      GetRecordsResponse response;
      try {
        response = kinesis.getRecords(r -> r.shardIterator(iterator).limit(1000));
      } catch (ProvisionedThroughputExceededException e) {
        sleep(200);
        continue;
      }
      long now = System.currentTimeMillis();
      for (Record record : response.records()) {
        Optional<FaceRecordTiming> timing = FaceRecordTiming.of(record.data().asByteArrayUnsafe());
        if (timing.isEmpty()) {
          continue;
        }
        records.incrementAndGet();
        lastRecordMillis.set(now);
        if (timing.get().matched()) {
          matched.incrementAndGet();
        }
        uploadToRead.add((now - timing.get().uploadMillis()) * 1_000_000L);
        captureToRead.add((now - timing.get().captureMillis()) * 1_000_000L);
        captureToWritten.add((record.approximateArrivalTimestamp().toEpochMilli() - timing.get().captureMillis())
            * 1_000_000L);
      }
      iterator = response.nextShardIterator();
      if (response.records().isEmpty()) {
        sleep(pollMillis);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  long records() {
    return records.get();
  }

  long matched() {
    return matched.get();
  }

  long lastRecordMillis() {
    return lastRecordMillis.get();
  }

  Latencies uploadToRead() {
    return uploadToRead;
  }

  Latencies captureToRead() {
    return captureToRead;
  }

  Latencies captureToWritten() {
    return captureToWritten;
  }
}
