package dev.argus.fragmentstore.catalog;

/** CreateStream with a name that an existing stream already has. */
public final class StreamInUseException extends CatalogException {

  private static final long serialVersionUID = 1L;

  public StreamInUseException(String message) {
    super(message);
  }
}
