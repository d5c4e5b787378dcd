package dev.argus.datastream.engine;

/** The stream, shard or consumer named does not exist (or is being deleted). */
public final class StreamNotFoundException extends StreamsException {

  private static final long serialVersionUID = 1L;

  public StreamNotFoundException(String message) {
    super(message);
  }
}
