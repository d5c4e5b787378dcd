package dev.argus.datastream.lease;

import java.io.IOException;
import java.nio.file.Path;

/** The lease snapshot exists but cannot be read; Argus refuses to start rather than forget leases. */
public final class CorruptLeaseFileException extends IOException {

  public CorruptLeaseFileException(Path file, String reason) {
    super("corrupt lease snapshot " + file + ": " + reason);
  }
}
