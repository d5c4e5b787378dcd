package dev.argus.producer.upload;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one upload. Thread-safe: each counter is atomic; a {@link Snapshot} is not a
 * consistent cut across counters.
 */
public final class UploadMetrics {

  final AtomicLong framesIn = new AtomicLong();
  final AtomicLong framesDropped = new AtomicLong();
  final AtomicLong fragmentsBuffered = new AtomicLong();
  final AtomicLong fragmentsSent = new AtomicLong();
  final AtomicLong fragmentsResent = new AtomicLong();
  final AtomicLong fragmentsPersisted = new AtomicLong();
  final AtomicLong fragmentsDropped = new AtomicLong();
  final AtomicLong errorAcks = new AtomicLong();
  final AtomicLong bytesSent = new AtomicLong();
  final AtomicLong bytesPersisted = new AtomicLong();
  final AtomicLong reconnects = new AtomicLong();
  final AtomicLong staleConnections = new AtomicLong();
  final AtomicLong bufferBytes = new AtomicLong();
  final AtomicLong bufferMillis = new AtomicLong();

  /** A reading of every counter. */
  public record Snapshot(long framesIn, long framesDropped, long fragmentsBuffered, long fragmentsSent,
      long fragmentsResent, long fragmentsPersisted, long fragmentsDropped, long errorAcks, long bytesSent,
      long bytesPersisted, long reconnects, long staleConnections, long bufferBytes, long bufferMillis) {}

  public Snapshot snapshot() {
    return new Snapshot(framesIn.get(), framesDropped.get(), fragmentsBuffered.get(), fragmentsSent.get(),
        fragmentsResent.get(), fragmentsPersisted.get(), fragmentsDropped.get(), errorAcks.get(), bytesSent.get(),
        bytesPersisted.get(), reconnects.get(), staleConnections.get(), bufferBytes.get(), bufferMillis.get());
  }

  /** Counts frames that entered the producer (the pipeline calls this). */
  public void frameIn() {
    framesIn.incrementAndGet();
  }

  /** Counts frames the fragmenter dropped. */
  public void frameDropped() {
    framesDropped.incrementAndGet();
  }
}
