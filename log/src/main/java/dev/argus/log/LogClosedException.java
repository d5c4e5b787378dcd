package dev.argus.log;

/**
 * The log was closed, or it failed (an fsync or write error leaves the on-disk state unknown, so the
 * log refuses further appends and fails pending durability futures). Reopen it to recover.
 */
public final class LogClosedException extends LogException {
  public LogClosedException(String message) {
    super(message);
  }

  public LogClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
