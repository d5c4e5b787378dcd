package dev.argus.parser.mkv;

/**
 * A stream the parser cannot go on with. Every failure of {@link MkvParser} is one of the
 * subclasses; after one, the parser is failed and rethrows it on every later call. The caller
 * should drop the stream (for a PutMedia connection: answer with an error ack and close).
 */
public abstract class MkvException extends RuntimeException {

  private final long offset;

  protected MkvException(String message, long offset) {
    super(message + " (at stream offset " + offset + ")");
    this.offset = offset;
  }

  /** The absolute stream offset of the element (or byte) at fault. */
  public long offset() {
    return offset;
  }
}
