package dev.argus.fragmentstore.catalogstore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The catalog file exists but cannot be read back as a catalog. Argus refuses to start rather
 * than serve an empty catalog over streams whose fragments are still on disk: an operator must
 * restore or remove the file.
 */
public final class CorruptCatalogException extends IOException {

  private static final long serialVersionUID = 1L;

  public CorruptCatalogException(Path file, String reason, Throwable cause) {
    super("video stream catalog " + file + " is corrupt: " + reason
        + "; restore it from a backup, or move it away to start with no streams", cause);
  }
}
