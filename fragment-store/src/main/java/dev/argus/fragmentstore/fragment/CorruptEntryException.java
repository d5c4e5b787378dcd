package dev.argus.fragmentstore.fragment;

/** A log entry that passed its CRC but does not hold a fragment or header of a known format. */
public final class CorruptEntryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorruptEntryException(String message, Throwable cause) {
    super(message, cause);
  }
}
