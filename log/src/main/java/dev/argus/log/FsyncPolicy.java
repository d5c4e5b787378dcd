package dev.argus.log;

import java.util.Objects;

/**
 * When a log forces its appends to disk. Either way, {@link Log#durable(long)} completes only after
 * an fsync that covers the offset.
 */
public sealed interface FsyncPolicy {

  /** Force before {@link Log#append} returns; the append's durable future is then already complete. */
  static FsyncPolicy everyWrite() {
    return new EveryWrite();
  }

  /**
   * Group commit: {@code append} returns at once and the shared flusher forces every dirty log once
   * per its interval, completing their futures. Many logs may share one flusher.
   */
  static FsyncPolicy interval(LogFlusher flusher) {
    return new Interval(flusher);
  }

  /** See {@link FsyncPolicy#everyWrite()}. */
  record EveryWrite() implements FsyncPolicy {}

  /** See {@link FsyncPolicy#interval(LogFlusher)}; the interval is {@link LogFlusher#interval()}. */
  record Interval(LogFlusher flusher) implements FsyncPolicy {
    public Interval {
      Objects.requireNonNull(flusher, "flusher");
    }
  }
}
