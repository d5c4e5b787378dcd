package dev.argus.datastream.lease;

/**
 * A lease store call that did not happen. Subclasses say what the caller should do:
 * {@link LeaseConflictException} re-read and decide; {@link LeaseStoreUnavailableException} retry
 * later; {@link LeaseTableNotFoundException} create the table first.
 */
public abstract sealed class LeaseStoreException extends RuntimeException
    permits LeaseConflictException, LeaseStoreUnavailableException, LeaseTableNotFoundException {

  LeaseStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
