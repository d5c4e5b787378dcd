package dev.argus.parser.mkv;

/**
 * The input ended inside an element. Only {@link MkvParser#finishComplete()} throws it; plain
 * {@link MkvParser#finish()} reports truncation as {@link MkvEvent.EndOfStream#truncated()}.
 */
public final class TruncatedInputException extends MkvException {

  public TruncatedInputException(long offset) {
    super("input ended inside an element", offset);
  }
}
