package dev.argus.producer.source;

import java.io.IOException;

/** A source could not be opened or read (missing file, unreachable camera, unsupported codec). */
public final class SourceException extends IOException {

  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
