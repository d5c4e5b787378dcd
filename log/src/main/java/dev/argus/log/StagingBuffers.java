package dev.argus.log;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The block-aligned direct buffers that {@link DirectAppender}s stage their writes in, shared by
 * every thread and every log: at most {@code capacity} exist, each made on first need and then
 * reused, so their memory is bounded however many threads write. A writer that finds them all in
 * use waits for one; each is held for one append only, never two at once, so waiting cannot
 * deadlock.
 */
final class StagingBuffers {

  /**
   * 8: eight 1 MiB direct writes in flight keep a disk's queue busy; more would wait on the device,
   * not on a buffer. That is 8 MiB at most, on any host.
   */
  static final int DEFAULT_CAPACITY = 8;
  /** What every {@link DirectAppender} stages in unless a test gives it its own. */
  static final StagingBuffers SHARED = new StagingBuffers(DEFAULT_CAPACITY, DirectAppender.STAGING_BYTES);

  private final int bufferBytes;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger made = new AtomicInteger();

  /** At most {@code capacity} buffers of {@code bufferBytes}, a whole number of blocks each. */
  StagingBuffers(int capacity, int bufferBytes) {
    if (capacity < 1 || bufferBytes < DirectAppender.ALIGNMENT || bufferBytes % DirectAppender.ALIGNMENT != 0) {
      throw new IllegalArgumentException("capacity " + capacity + " and buffer bytes " + bufferBytes
          + " must be positive, the bytes whole blocks of " + DirectAppender.ALIGNMENT);
    }
    this.bufferBytes = bufferBytes;
    this.permits = new Semaphore(capacity);
  }

  /**
   * A cleared buffer of {@link #bufferBytes()}, aligned to {@link DirectAppender#ALIGNMENT}, for the
   * caller alone until it gives it back with {@link #release}. Waits while all are in use; an
   * interrupt meanwhile is kept for the caller to see, not thrown, as a write cannot stop halfway.
   */
  ByteBuffer acquire() {
    permits.acquireUninterruptibly();
    ByteBuffer buffer = idle.poll();
    if (buffer == null) {
      made.incrementAndGet();
      buffer = ByteBuffer.allocateDirect(bufferBytes + DirectAppender.ALIGNMENT).alignedSlice(DirectAppender.ALIGNMENT);
    }
    return buffer.clear();
  }

  /** Gives back a buffer from {@link #acquire}; the caller must not touch it afterwards. */
  void release(ByteBuffer buffer) {
    idle.add(buffer);
    permits.release();
  }

  int bufferBytes() {
    return bufferBytes;
  }

  /** How many buffers exist: never more than the capacity. */
  int made() {
    return made.get();
  }

  /** Whether a writer is waiting for a buffer. */
  boolean hasWaiters() {
    return permits.hasQueuedThreads();
  }
}
