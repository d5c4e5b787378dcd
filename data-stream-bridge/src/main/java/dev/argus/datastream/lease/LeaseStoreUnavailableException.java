package dev.argus.datastream.lease;

/** The store could not be reached or failed; the change may or may not have happened. Retry later. */
public final class LeaseStoreUnavailableException extends LeaseStoreException {

  public LeaseStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
