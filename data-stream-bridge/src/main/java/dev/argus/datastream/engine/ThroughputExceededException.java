package dev.argus.datastream.engine;

/** A shard's provisioned read or write budget is spent for now; retry later. */
public final class ThroughputExceededException extends StreamsException {

  private static final long serialVersionUID = 1L;

  public ThroughputExceededException(String message) {
    super(message);
  }
}
