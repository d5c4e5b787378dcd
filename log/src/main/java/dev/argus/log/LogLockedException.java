package dev.argus.log;

/**
 * Another {@link Log}, in this process or another, has the directory open: the log has a single
 * writer, enforced with an OS file lock on {@code <dir>/.lock} that a crash releases.
 */
public final class LogLockedException extends LogException {
  public LogLockedException(String message) {
    super(message);
  }
}
