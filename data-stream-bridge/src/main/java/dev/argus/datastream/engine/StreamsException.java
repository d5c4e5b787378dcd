package dev.argus.datastream.engine;

/**
 * A failure of a data-stream operation that the caller caused or should react to; each subclass is
 * one failure, and the wire API maps each to one Kinesis error type. Unchecked: every engine call
 * may throw them.
 */
public abstract sealed class StreamsException extends RuntimeException
    permits StreamNotFoundException, ResourceInUseException, InvalidArgumentException,
    ValidationException, LimitExceededException, ExpiredIteratorException,
    ThroughputExceededException {

  private static final long serialVersionUID = 1L;

  StreamsException(String message) {
    super(message);
  }
}
