package dev.argus.datastream.consumer;

import java.util.concurrent.ExecutorService;

/**
 * One shard's records as they are read, whichever way they are retrieved: GetRecords polling
 * ({@link ShardFetcher}) or an enhanced fan-out subscription ({@link FanOutFetcher}). Pages come
 * in shard order; the page at a closed shard's end ({@link RecordsPage#atShardEnd()}) is the last.
 * At most {@link ConsumerConfig#maxPrefetchBatches()} pages are buffered ahead of {@link #poll}.
 *
 * <p>Implementations are thread-safe: {@link #poll} and {@link #stop} come from the shard's
 * consumer thread while records arrive on other threads.
 */
interface RecordsSource {

  /** Starts reading; {@code threads} may run a reading loop. Called once. */
  void start(ExecutorService threads);

  /** The next page, or null when none arrived within the wait. */
  RecordsPage poll(long waitMillis) throws InterruptedException;

  /** Stops reading and releases what the source holds (threads, subscriptions); idempotent. */
  void stop();
}
