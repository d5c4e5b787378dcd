package dev.argus.log;

/**
 * Data that was once acknowledged fails its checks: a CRC mismatch, an offset out of sequence, a gap
 * between segments, or a bad entry in the middle of a segment that is not the last one. The log
 * never repairs such damage silently (truncating there would drop acknowledged entries and every
 * later segment); it is raised on open or on the read that meets the damage. Only the last segment
 * is truncated during recovery, after its last valid entry, because a crash may have torn it.
 */
public final class CorruptLogException extends LogException {
  public CorruptLogException(String message) {
    super(message);
  }
}
