package dev.argus.parser.ebml;

/** Element IDs that EBML itself defines (RFC 8794 section 11), with their length markers. */
public final class EbmlIds {
  public static final int EBML = 0x1A45DFA3;
  public static final int EBML_VERSION = 0x4286;
  public static final int EBML_READ_VERSION = 0x42F7;
  public static final int EBML_MAX_ID_LENGTH = 0x42F2;
  public static final int EBML_MAX_SIZE_LENGTH = 0x42F3;
  public static final int DOC_TYPE = 0x4282;
  public static final int DOC_TYPE_VERSION = 0x4287;
  public static final int DOC_TYPE_READ_VERSION = 0x4285;
  /** CRC-32 (IEEE, stored little-endian) of the rest of its parent's data; first child only. */
  public static final int CRC32 = 0xBF;
  public static final int VOID = 0xEC;

  private EbmlIds() {
  }
}
