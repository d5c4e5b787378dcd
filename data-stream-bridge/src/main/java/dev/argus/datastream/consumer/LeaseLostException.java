package dev.argus.datastream.consumer;

/** The lease is held by another worker now (or could not be renewed in time): stop, do not retry. */
public final class LeaseLostException extends RuntimeException {

  public LeaseLostException(String message) {
    super(message);
  }
}
