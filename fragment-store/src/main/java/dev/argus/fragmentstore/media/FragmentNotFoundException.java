package dev.argus.fragmentstore.media;

/** A fragment number (or continuation token) that names no stored fragment of the stream. */
public final class FragmentNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FragmentNotFoundException(String number) {
    super("fragment " + number + " is not stored in this stream");
  }
}
