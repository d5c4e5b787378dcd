package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Checkpoint;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one shard with GetRecords on its own thread and hands pages to the shard's consumer through
 * a queue of at most {@code maxPrefetchBatches} pages, so memory per shard is bounded by that many
 * GetRecords results (each at most 10,000 records and 10 MiB). A full queue blocks the fetcher.
 *
 * <p>Throttling backs off exponentially; an expired iterator is replaced by one after the last
 * record fetched; other failures (the server restarting, the network) back off and retry. The
 * fetcher ends after queueing the page at the shard's end, or when stopped.
 *
 * <p>Thread-safe: {@link #poll} and {@link #stop} may be called from the consumer thread while the
 * fetch loop runs on its own.
 */
final class ShardFetcher implements RecordsSource, Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ShardFetcher.class);

  private final KinesisShards shards;
  private final String shardId;
  private final Checkpoint start;
  private final Instant atTimestamp;
  private final ConsumerConfig config;
  private final BlockingQueue<RecordsPage> pages;
  private volatile boolean stopped;
  private volatile Thread thread;

  ShardFetcher(KinesisShards shards, String shardId, Checkpoint start, Instant atTimestamp, ConsumerConfig config) {
    this.shards = shards;
    this.shardId = shardId;
    this.start = start;
    this.atTimestamp = atTimestamp;
    this.config = config;
    this.pages = new ArrayBlockingQueue<>(config.maxPrefetchBatches());
  }

  @Override
  public void start(ExecutorService threads) {
    threads.execute(this);
  }

  @Override
  public RecordsPage poll(long waitMillis) throws InterruptedException {
    return pages.poll(waitMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    stopped = true;
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    Backoff backoff = new Backoff(config.throttleBackoffMax());
    String lastSequence = null;
    String iterator = null;
    try {
      while (!stopped) {
        try {
          if (iterator == null) {
            iterator = lastSequence == null ? shards.iterator(shardId, start, atTimestamp)
                : shards.iteratorAfter(shardId, lastSequence);
          }
          RecordsPage page = shards.getRecords(iterator, config.maxRecordsPerCall());
          backoff.reset();
          if (!page.records().isEmpty()) {
            lastSequence = page.records().get(page.records().size() - 1).sequenceNumber();
          }
          pages.put(page);
          if (page.atShardEnd()) {
            return;
          }
          iterator = page.nextIterator();
          if (page.records().isEmpty()) {
            Thread.sleep(config.idleBetweenReads().toMillis());
          }
        } catch (KinesisShards.IteratorExpiredException e) {
          iterator = null;
        } catch (KinesisShards.ThrottledException e) {
          Thread.sleep(backoff.nextMillis());
        } catch (RuntimeException e) {
          if (stopped) {
            return;
          }
          LOG.warn("reading {} failed, retrying: {}", shardId, e.toString());
          iterator = null;
          Thread.sleep(backoff.nextMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
