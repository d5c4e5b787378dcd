package dev.argus.datastream.engine;

/** A shard iterator is older than its lifetime (five minutes). */
public final class ExpiredIteratorException extends StreamsException {

  private static final long serialVersionUID = 1L;

  public ExpiredIteratorException(String message) {
    super(message);
  }
}
