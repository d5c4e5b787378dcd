package dev.argus.datastream.engine;

/** A value is well-formed but not acceptable here: a sequence number of another shard, a forged iterator, a split key outside the shard. */
public final class InvalidArgumentException extends StreamsException {

  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }
}
