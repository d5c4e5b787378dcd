package dev.argus.parser.mkv;

/** A CRC-32 element does not match the data it covers. */
public final class CrcMismatchException extends MalformedMkvException {

  public CrcMismatchException(int elementId, long offset, int expected, int actual) {
    super(String.format("CRC-32 mismatch in element 0x%X: stored %08x, computed %08x", elementId, expected, actual),
        offset);
  }
}
