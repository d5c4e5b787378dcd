package dev.argus.datastream.aggregation;

/** A user record that cannot fit in an aggregate of the configured size even on its own. */
public final class RecordTooLargeException extends IllegalArgumentException {

  public RecordTooLargeException(String message) {
    super(message);
  }
}
