package dev.argus.datastream.engine;

/** A count limit would be passed: open shards, tags, consumers, subscriptions. */
public final class LimitExceededException extends StreamsException {

  private static final long serialVersionUID = 1L;

  public LimitExceededException(String message) {
    super(message);
  }
}
