package dev.argus.fragmentstore.catalog;

/** A member is missing, malformed or out of range; the message names the member and the rule. */
public final class InvalidArgumentException extends CatalogException {

  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }
}
