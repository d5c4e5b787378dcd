package dev.argus.fragmentstore.catalog;

/**
 * A request the catalog refuses. Each permitted subclass is one failure, and the HTTP edge maps
 * each to exactly one AWS error type ({@code dev.argus.fragmentstore.api.ErrorTable}). None of
 * them is retryable as is: the caller must change the request or the stream first.
 */
public abstract sealed class CatalogException extends RuntimeException
    permits InvalidArgumentException, StreamNotFoundException, StreamInUseException, VersionMismatchException,
    TagLimitExceededException {

  private static final long serialVersionUID = 1L;

  CatalogException(String message) {
    super(message);
  }
}
