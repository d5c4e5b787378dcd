package dev.argus.parser.mkv;

/** The bytes are not EBML/Matroska as Argus reads it: a bad vint, an element overrunning its parent, a bad block. */
public class MalformedMkvException extends MkvException {

  public MalformedMkvException(String message, long offset) {
    super(message, offset);
  }
}
