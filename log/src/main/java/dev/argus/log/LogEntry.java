package dev.argus.log;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One entry read from a log.
 *
 * <p>The payload is a read-only buffer over a fresh heap array owned by this record alone: it stays
 * valid for as long as the caller holds it, after later appends, retention and close included.
 *
 * @param offset the entry's dense position in the log, from 0
 * @param timestampMillis the stored timestamp (the caller's, clamped to be non-decreasing)
 * @param payload the entry's bytes, position 0 to limit
 */
public record LogEntry(long offset, long timestampMillis, ByteBuffer payload) {
  public LogEntry {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0: " + offset);
    }
    Objects.requireNonNull(payload, "payload");
  }

  /** A copy of the payload's bytes. */
  public byte[] payloadBytes() {
    byte[] copy = new byte[payload.remaining()];
    payload.duplicate().get(copy);
    return copy;
  }
}
