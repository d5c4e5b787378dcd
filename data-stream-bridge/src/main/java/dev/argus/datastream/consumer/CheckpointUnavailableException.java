package dev.argus.datastream.consumer;

/** The lease store could not be reached; the checkpoint may not be stored. Retry later. */
public final class CheckpointUnavailableException extends RuntimeException {

  public CheckpointUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
