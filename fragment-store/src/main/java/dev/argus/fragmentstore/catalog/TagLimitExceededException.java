package dev.argus.fragmentstore.catalog;

/** A stream would carry more than {@link Tags#MAX_TAGS} tags. */
public final class TagLimitExceededException extends CatalogException {

  private static final long serialVersionUID = 1L;

  public TagLimitExceededException(String message) {
    super(message);
  }
}
