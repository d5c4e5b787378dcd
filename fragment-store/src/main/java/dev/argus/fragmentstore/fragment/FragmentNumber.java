package dev.argus.fragmentstore.fragment;

/**
 * A fragment number: the opaque, versioned, parseable name of one stored fragment.
 *
 * <p>Wire form: 47 decimal digits, like Kinesis Video's, laid out as
 *
 * <pre>
 * 1              format version (1 digit)
 * SSSSSSSSSSSSS  server timestamp, epoch milliseconds, zero-padded (13 digits, up to year 2286)
 * EEEEEEEEEEEEE  the stream's creation time, epoch milliseconds (13 digits): names the incarnation
 * OOOOOOOOOOOOOOOOOOOO  the fragment's offset in its stream's log (20 digits)
 * </pre>
 *
 * Within a stream, server timestamps never decrease and offsets strictly increase in ingest order,
 * so numbers compare (as decimals or as strings, both being fixed width) in ingest order. A number
 * names its stream's incarnation, so a number of a deleted stream never finds a fragment of a
 * re-created stream of the same name.
 *
 * @param serverMillis when the server received the fragment
 * @param streamEpochMillis the stream's creation time
 * @param offset the fragment's offset in the stream's fragment log
 */
public record FragmentNumber(long serverMillis, long streamEpochMillis, long offset)
    implements Comparable<FragmentNumber> {

  /** Digits in the wire form. */
  public static final int LENGTH = 47;
  static final char VERSION = '1';
  static final long MAX_MILLIS = 9_999_999_999_999L;

  public FragmentNumber {
    if (serverMillis < 0 || serverMillis > MAX_MILLIS) {
      throw new IllegalArgumentException("server time out of range: " + serverMillis);
    }
    if (streamEpochMillis < 0 || streamEpochMillis > MAX_MILLIS) {
      throw new IllegalArgumentException("stream epoch out of range: " + streamEpochMillis);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset is negative: " + offset);
    }
  }

  /**
   * Parses the wire form.
   *
   * @throws MalformedFragmentNumberException when it is not 47 digits of format version 1
   */
  public static FragmentNumber parse(String text) {
    if (text == null || text.length() != LENGTH || text.charAt(0) != VERSION) {
      throw new MalformedFragmentNumberException(text);
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedFragmentNumberException(text);
      }
    }
    String offsetDigits = text.substring(27);
    if (offsetDigits.compareTo("09223372036854775807") > 0) {
      throw new MalformedFragmentNumberException(text);
    }
    return new FragmentNumber(Long.parseLong(text, 1, 14, 10), Long.parseLong(text, 14, 27, 10),
        Long.parseLong(offsetDigits));
  }

  @Override
  public int compareTo(FragmentNumber other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return VERSION + String.format("%013d%013d%020d", serverMillis, streamEpochMillis, offset);
  }
}
