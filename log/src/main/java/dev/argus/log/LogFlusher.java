package dev.argus.log;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for many logs: one daemon thread that, every {@link #interval()}, forces each
 * registered log that has appends not yet durable and completes their {@link Log#durable} futures.
 * Logs opened with {@link FsyncPolicy#interval(LogFlusher)} register on open and leave on close.
 * A log whose force fails is failed (see {@link LogClosedException}); the flusher carries on with
 * the others.
 *
 * <p>The tick is the only place the log module waits on real time; it decides when, never what.
 *
 * <p>Thread-safe. {@link #close()} stops the thread after one last pass; logs still registered
 * after that are flushed only by their own close.
 */
public final class LogFlusher implements AutoCloseable {
  private final Duration interval;
  /** Logs to force each tick. */
  private final Set<Log> logs = ConcurrentHashMap.newKeySet();
  /** The tick thread, or null for a flusher driven by {@link #flushAll()} alone. */
  private final ScheduledExecutorService executor;

  private LogFlusher(Duration interval, ScheduledExecutorService executor) {
    this.interval = interval;
    this.executor = executor;
  }

  /** Starts a flusher whose daemon thread is named {@code threadName}. */
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
    LogFlusher flusher = new LogFlusher(interval, executor);
    long nanos = interval.toNanos();
    executor.scheduleWithFixedDelay(flusher::flushAll, nanos, nanos, TimeUnit.NANOSECONDS);
    return flusher;
  }

  /** A flusher without a thread: logs become durable only when a test calls {@link #flushAll()}. */
  static LogFlusher manual() {
    return new LogFlusher(Duration.ofDays(365), null);
  }

  public Duration interval() {
    return interval;
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
    flushAll();
  }
}
