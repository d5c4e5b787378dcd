package dev.argus.log;

import java.io.IOException;

/**
 * Base of every failure the log reports itself, as opposed to a plain {@link IOException} from the
 * file system. Each subclass names one failure, so callers can map it (for example to an AWS error
 * type at the HTTP edge) without parsing messages.
 */
public abstract sealed class LogException extends IOException
    permits CorruptLogException, LogClosedException, LogLockedException, EntryTooLargeException,
    OffsetOutOfRangeException {

  LogException(String message) {
    super(message);
  }

  LogException(String message, Throwable cause) {
    super(message, cause);
  }
}
