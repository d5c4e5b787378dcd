package dev.argus.fragmentstore.fragment;

/** A client's fragment number that this server never issued in any form. */
public final class MalformedFragmentNumberException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedFragmentNumberException(String text) {
    super("'" + text + "' is not a fragment number (47 digits, version 1)");
  }
}
