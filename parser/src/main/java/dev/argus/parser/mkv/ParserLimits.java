package dev.argus.parser.mkv;

/**
 * What one {@link MkvParser} may hold in memory. The parser's memory is bounded by about
 * {@code max(maxElementBytes, maxFrameBytes)} plus a fixed overhead, whatever the input.
 *
 * @param maxElementBytes largest metadata element held whole (EBML header, Info, Tracks, Tags, a
 *     Cluster Timecode); past it, {@link ElementTooLargeException}
 * @param maxFrameBytes largest SimpleBlock or BlockGroup held whole; past it,
 *     {@link ElementTooLargeException}
 * @param maxTagDepth deepest nesting of SimpleTag elements; past it, {@link MalformedMkvException}
 * @param maxLacedFrames most frames one laced block may carry (Matroska allows 256)
 */
public record ParserLimits(int maxElementBytes, int maxFrameBytes, int maxTagDepth, int maxLacedFrames) {

  /** 1 MiB: far above any real header or tag set (KVS tags are a few hundred bytes). */
  public static final int DEFAULT_MAX_ELEMENT_BYTES = 1 << 20;
  /** 16 MiB: above any single encoded frame a camera sends (KVS caps a fragment at 50 MB). */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;
  /** 16 levels of nested SimpleTag. */
  public static final int DEFAULT_MAX_TAG_DEPTH = 16;
  /** 256: the most a lace count byte can say. */
  public static final int DEFAULT_MAX_LACED_FRAMES = 256;

  /** The defaults above. */
  public static final ParserLimits DEFAULT = new ParserLimits(DEFAULT_MAX_ELEMENT_BYTES,
      DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_TAG_DEPTH, DEFAULT_MAX_LACED_FRAMES);

  public ParserLimits {
    if (maxElementBytes < 64 || maxFrameBytes < 64 || maxTagDepth < 1 || maxLacedFrames < 1) {
      throw new IllegalArgumentException("limits too small: " + maxElementBytes + ", " + maxFrameBytes
          + ", " + maxTagDepth + ", " + maxLacedFrames);
    }
  }
}
