package dev.argus.fragmentstore.catalog;

/** No stream has this name or ARN (an ARN of a deleted, re-created stream included). */
public final class StreamNotFoundException extends CatalogException {

  private static final long serialVersionUID = 1L;

  public StreamNotFoundException(String message) {
    super(message);
  }
}
