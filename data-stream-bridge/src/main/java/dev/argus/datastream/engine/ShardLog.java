package dev.argus.datastream.engine;

import dev.argus.datastream.shard.ShardId;
import dev.argus.log.Log;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One shard's storage and live state: its {@link Log}, the lock that makes the engine the log's
 * single writer, its throughput budget, and the visible end.
 *
 * <p>Readers see offsets below {@link #visibleEnd()} only: an offset becomes visible once it is
 * durable, so no reader ever sees a record that a crash could take back (and whose sequence number
 * would then be given again).
 *
 * <p>Thread-safe: appends and retention hold {@link #writeLock}; {@code sealed} is written under it.
 */
final class ShardLog implements AutoCloseable {

  final ShardId id;
  final Log log;
  final ReentrantLock writeLock = new ReentrantLock();
  final ShardLimits limits;
  final HotShardDetector hot = new HotShardDetector();
  /** True once a reshard closed the shard; writers that then get the lock route again. */
  volatile boolean sealed;
  private final AtomicLong visibleEnd;

  ShardLog(ShardId id, Log log, boolean sealed, long nowMillis) {
    this.id = id;
    this.log = log;
    this.sealed = sealed;
    this.limits = new ShardLimits(nowMillis);
    this.visibleEnd = new AtomicLong(log.nextOffset()); // everything visible after open is durable
  }

  long visibleEnd() {
    return visibleEnd.get();
  }

  /** Makes offsets below {@code end} visible; called once they are durable. */
  void advanceVisible(long end) {
    visibleEnd.accumulateAndGet(end, Math::max);
  }

  /** Waits until every appended record is durable and visible. Call with {@link #writeLock} held. */
  void awaitDurable() {
    long end = log.nextOffset();
    if (end > 0) {
      log.durable(end - 1).join();
    }
    advanceVisible(end);
  }

  @Override
  public void close() throws IOException {
    log.close();
  }
}
