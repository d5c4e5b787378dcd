package dev.argus.datastream.lease;

/**
 * A conditional change lost its race: the lease is missing (or, for a create, already there), or its
 * owner or counter is no longer what the caller read. Re-read the lease and decide again.
 */
public final class LeaseConflictException extends LeaseStoreException {

  public LeaseConflictException(String message) {
    super(message, null);
  }
}
