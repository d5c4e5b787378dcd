package dev.argus.fragmentstore.catalog;

/** The caller's CurrentVersion is not the stream's version: someone updated it in between. */
public final class VersionMismatchException extends CatalogException {

  private static final long serialVersionUID = 1L;

  public VersionMismatchException(String message) {
    super(message);
  }
}
