package dev.argus.datastream.consumer;

/** A checkpoint before the last stored one or past the last record delivered: a processor bug. */
public final class InvalidCheckpointException extends IllegalArgumentException {

  public InvalidCheckpointException(String message) {
    super(message);
  }
}
