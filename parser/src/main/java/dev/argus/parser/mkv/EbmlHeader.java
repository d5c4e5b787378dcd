package dev.argus.parser.mkv;

import java.util.Objects;

/**
 * The values of an EBML header element.
 *
 * @param docType "matroska" or "webm"
 */
public record EbmlHeader(long version, long readVersion, long maxIdLength, long maxSizeLength,
    String docType, long docTypeVersion, long docTypeReadVersion) {

  /** What {@link dev.argus.parser.write.MkvWriter} writes, and what KVS producers send. */
  public static final EbmlHeader MATROSKA = new EbmlHeader(1, 1, 4, 8, "matroska", 2, 2);

  public EbmlHeader {
    Objects.requireNonNull(docType, "docType");
  }
}
