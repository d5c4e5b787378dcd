package dev.argus.faces.stream;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One bounded pool of analysis threads shared by every stream processor, with one {@link Lane}
 * per processor. A lane holds at most one frame being analysed and one waiting. When a frame is
 * offered while both places are taken, the caller (the processor's decoding thread) waits for the
 * waiting place only while the frame is on time, i.e. until {@code maxLateMillis} past the time it
 * is due (its fragment's server time plus its offset); a frame that is late instead replaces the
 * waiting one, which is dropped and counted. So a burst of stored video (an upload faster than
 * real time) is analysed whole when the pool keeps up with its pace, while a processor whose
 * analysis cannot keep up with a live camera analyses fewer frames rather than falling behind:
 * its decoding, hence its MillisBehindNow, stays within {@code maxLateMillis} (plus one analysis)
 * of the live edge, and the frames it analyses are the freshest. One lane's frames are analysed in
 * order, one at a time, so its records stay in order; the pool's threads are shared fairly, as
 * each lane queues at most one task.
 *
 * <p>Bounds: {@link #threads()} threads ({@link #DEFAULT_THREADS}, one per core); the pool's
 * queue holds at most one task per lane; each lane holds at most two frame copies.
 *
 * <p>Thread-safe. {@link #close()} lets running analyses finish (up to {@link #CLOSE_WAIT_SECONDS}).
 */
public final class AnalysisPool implements AutoCloseable {

  public static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** How late past its due time a frame may still make its processor wait for the pool. */
  public static final long DEFAULT_MAX_LATE_MILLIS = 2_000;
  static final long CLOSE_WAIT_SECONDS = 10;
  static final String THREAD_PREFIX = "argus-analysis-";

  private final ThreadPoolExecutor pool;
  private final Clock clock;
  private final long maxLateMillis;

  /** A pool on the system clock with {@link #DEFAULT_MAX_LATE_MILLIS}. */
  public AnalysisPool(int threads) {
    this(threads, Clock.systemUTC(), DEFAULT_MAX_LATE_MILLIS);
  }

  public AnalysisPool(int threads, Clock clock, long maxLateMillis) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxLateMillis < 0) {
      throw new IllegalArgumentException("maxLateMillis must not be negative: " + maxLateMillis);
    }
    this.maxLateMillis = maxLateMillis;
    if (threads < 1) {
      throw new IllegalArgumentException("analysis threads must be at least 1, not " + threads);
    }
    AtomicInteger count = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread thread = new Thread(r, THREAD_PREFIX + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  public int threads() {
    return pool.getMaximumPoolSize();
  }

  /** A new lane on this pool, for one processor. */
  public Lane lane() {
    return new Lane(this);
  }

  /** A lane that analyses on the offering thread itself (no pool, nothing dropped). */
  public static Lane inline() {
    return new Lane(null);
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One processor's way into the pool. {@link #offer} is called from one thread (the
   * processor's); the analysis runs on a pool thread. A failure of an analysis is kept in
   * {@link #failure()} and later frames are refused, so the processor can fail.
   *
   * <p>Thread-safe.
   */
  public static final class Lane {

    private record Job(Mat bgr, Consumer<Mat> analysis) {
    }

    private final AnalysisPool pool;
    private boolean running;
    private Job waiting;
    private long offered;
    private long dropped;
    private RuntimeException failure;
    private boolean closed;

    private Lane(AnalysisPool pool) {
      this.pool = pool;
    }

    /**
     * Analyses a copy of {@code bgr} with {@code analysis} as soon as the lane is free; the copy is
     * released afterwards. {@code bgr} is not retained. Returns at once (inline lanes: after the
     * analysis).
     *
     * @throws RuntimeException an earlier analysis' failure, once
     */
    public void offer(Mat bgr, Consumer<Mat> analysis) {
      offer(bgr, Long.MIN_VALUE, analysis);
    }

    /**
     * As {@link #offer(Mat, Consumer)}, but while the frame is on time (no more than the pool's
     * maxLateMillis past {@code dueMillis}, epoch ms) the caller waits for the waiting place
     * instead of dropping the frame there.
     */
    public void offer(Mat bgr, long dueMillis, Consumer<Mat> analysis) {
      Objects.requireNonNull(analysis, "analysis");
      if (pool == null) {
        offered++;
        analysis.accept(bgr);
        return;
      }
      Job job;
      synchronized (this) {
        if (failure != null) {
          throw failure;
        }
        if (closed) {
          return;
        }
        awaitRoom(dueMillis);
        if (failure != null) {
          throw failure;
        }
        if (closed) {
          return;
        }
        offered++;
        Job next = new Job(bgr.clone(), analysis);
        if (running) {
          if (waiting != null) {
            waiting.bgr().close();
            dropped++;
          }
          waiting = next;
          return;
        }
        running = true;
        job = next;
      }
      submit(job);
    }

    /** Waits, holding the lock's monitor, while the waiting place is taken and the frame is on time. */
    private void awaitRoom(long dueMillis) {
      while (running && waiting != null && !closed && failure == null) {
        long left = dueMillis == Long.MIN_VALUE ? 0 : dueMillis + pool.maxLateMillis - pool.clock.millis();
        if (left <= 0) {
          return;
        }
        try {
          wait(Math.min(left, 100));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private void submit(Job job) {
      try {
        pool.pool.execute(() -> run(job));
      } catch (RejectedExecutionException poolClosed) {
        job.bgr().close();
        synchronized (this) {
          closed = true;
          running = false;
          if (waiting != null) {
            waiting.bgr().close();
            waiting = null;
          }
          notifyAll();
        }
      }
    }

    private void run(Job job) {
      try (Mat bgr = job.bgr()) {
        job.analysis().accept(bgr);
      } catch (RuntimeException e) {
        synchronized (this) {
          failure = failure == null ? e : failure;
        }
      }
      Job next;
      synchronized (this) {
        next = closed || failure != null ? null : waiting;
        if (next == null && waiting != null) {
          waiting.bgr().close();
        }
        waiting = null;
        running = next != null;
        notifyAll();
      }
      if (next != null) {
        submit(next);
      }
    }

    /** The first analysis failure, if any. */
    public synchronized java.util.Optional<RuntimeException> failure() {
      return java.util.Optional.ofNullable(failure);
    }

    /** Frames offered so far. */
    public synchronized long offered() {
      return offered;
    }

    /** Frames dropped because a newer one arrived while they waited. */
    public synchronized long dropped() {
      return dropped;
    }

    /** Refuses further frames, drops the waiting one, and waits for the running analysis (bounded). */
    public void close() {
      synchronized (this) {
        closed = true;
        notifyAll();
        if (waiting != null) {
          waiting.bgr().close();
          dropped++;
          waiting = null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        while (running) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) {
            return;
          }
          try {
            wait(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }
}
