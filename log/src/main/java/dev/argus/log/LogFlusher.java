package dev.argus.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for many logs, in one of two modes. Logs opened with {@link
 * FsyncPolicy#interval(LogFlusher)} register on open and leave on close. A log whose force fails is
 * failed (see {@link LogClosedException}); the flusher carries on with the others.
 *
 * <ul>
 *   <li><b>Interval</b> ({@link #start}): one daemon thread that, every {@link #interval()}, forces
 *       each registered log that has appends not yet durable and completes their {@link
 *       Log#durable} futures. An append waits up to one interval plus one fsync.
 *   <li><b>Continuous</b> ({@link #continuous}): {@code threads} daemon threads that wait for work
 *       instead of time. An append queues its log (once: a log already queued is not queued
 *       again); a free thread takes it and forces it at once. Everything appended to a log while
 *       its previous fsync ran is covered by the next one, so fsyncs batch themselves as load grows
 *       and an idle log costs nothing. An append waits for at most the fsync in progress plus its
 *       own. Several threads let different logs' fsyncs overlap; one log is forced by one thread at
 *       a time (its force lock).
 * </ul>
 *
 * <p>The interval tick is the only place the log module waits on real time; it decides when,
 * never what.
 *
 * <p>Thread-safe. {@link #close()} stops the threads and then makes one last pass over the logs
 * still registered; logs registered after that are flushed only by their own close.
 */
public final class LogFlusher implements AutoCloseable {
  /** A queue entry that tells one continuous thread to stop. */
  private static final Object STOP = new Object();

  /** The tick; {@link Duration#ZERO} for a continuous flusher. */
  private final Duration interval;
  /** Logs to force each tick, and in the last pass on close. */
  private final Set<Log> logs = ConcurrentHashMap.newKeySet();
  /** The tick thread, or null for a continuous or a manual flusher. */
  private final ScheduledExecutorService executor;
  /** Continuous only (else null): logs with appends to force, each at most once, then STOPs. */
  private final BlockingQueue<Object> dirty;
  /** Continuous only: the threads taking from {@link #dirty}. */
  private final List<Thread> threads = new ArrayList<>();

  private LogFlusher(Duration interval, ScheduledExecutorService executor,
      BlockingQueue<Object> dirty) {
    this.interval = interval;
    this.executor = executor;
    this.dirty = dirty;
  }

  /** Starts an interval flusher whose daemon thread is named {@code threadName}. */
  public static LogFlusher start(Duration interval, String threadName) {
    Objects.requireNonNull(threadName, "threadName");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, threadName);
      thread.setDaemon(true);
      return thread;
    });
    LogFlusher flusher = new LogFlusher(interval, executor, null);
    long nanos = interval.toNanos();
    executor.scheduleWithFixedDelay(flusher::flushAll, nanos, nanos, TimeUnit.NANOSECONDS);
    return flusher;
  }

  /**
   * Starts a continuous flusher (see the class comment) with {@code threads} daemon threads named
   * {@code threadName-0}, {@code threadName-1}, ...
   */
  public static LogFlusher continuous(String threadName, int threads) {
    Objects.requireNonNull(threadName, "threadName");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
    LogFlusher flusher = new LogFlusher(Duration.ZERO, null, new LinkedBlockingQueue<>());
    for (int i = 0; i < threads; i++) {
      Thread thread = new Thread(flusher::forceQueued, threadName + "-" + i);
      thread.setDaemon(true);
      flusher.threads.add(thread);
      thread.start();
    }
    return flusher;
  }

  /** A flusher without a thread: logs become durable only when a test calls {@link #flushAll()}. */
  static LogFlusher manual() {
    return new LogFlusher(Duration.ofDays(365), null, null);
  }

  /**
   * A continuous flusher without threads: appends queue their logs, and a test forces them one at
   * a time with {@link #forceNextQueued()}.
   */
  static LogFlusher continuousManual() {
    return new LogFlusher(Duration.ZERO, null, new LinkedBlockingQueue<>());
  }

  /** The tick of an interval flusher; {@link Duration#ZERO} for a continuous one. */
  public Duration interval() {
    return interval;
  }

  /** True for a flusher started with {@link #continuous}. */
  public boolean isContinuous() {
    return dirty != null;
  }

  /** Forces every registered log with non-durable appends, on the calling thread. */
  public void flushAll() {
    for (Log log : logs) {
      log.flushQuietly();
    }
  }

  void register(Log log) {
    logs.add(log);
  }

  void deregister(Log log) {
    logs.remove(log);
  }

  /**
   * Told by {@code log} after it published appends: a continuous flusher queues it unless it is
   * queued already; an interval flusher ignores it. Never blocks.
   */
  void appended(Log log) {
    if (dirty != null && log.flushQueued.compareAndSet(false, true)) {
      dirty.add(log);
    }
  }

  /**
   * A continuous thread's loop. The log's queued flag is cleared before the force reads the log's
   * end, so an append published after that read queues the log again.
   */
  private void forceQueued() {
    while (true) {
      Object next;
      try {
        next = dirty.take();
      } catch (InterruptedException e) {
        return; // not interrupted by us; give up the thread rather than spin
      }
      if (next == STOP) {
        return;
      }
      force((Log) next);
    }
  }

  private static void force(Log log) {
    log.flushQueued.set(false);
    log.flushQuietly();
  }

  /** Forces the log at the head of the queue, as a thread would; false if none is queued. */
  boolean forceNextQueued() {
    Object next = dirty.poll();
    if (next == null || next == STOP) {
      return false;
    }
    force((Log) next);
    return true;
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(interval.toMillis() + 10_000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (dirty != null) {
      for (int i = 0; i < threads.size(); i++) {
        dirty.add(STOP);
      }
      for (Thread thread : threads) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    flushAll();
  }
}
