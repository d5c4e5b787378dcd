package dev.argus.parser.mkv;

import dev.argus.parser.ebml.Vint;
import java.nio.ByteBuffer;

/**
 * Decodes SimpleBlock and BlockGroup bodies into {@link Frame}s (RFC 9559 section 10): track
 * number vint, signed 16-bit relative timecode, flags, then no lacing or Xiph, fixed-size or EBML
 * lacing. Frame data are slices of the given buffer: nothing is copied.
 *
 * <p>Not thread-safe: it reuses one lace-size array.
 */
final class BlockReader {

  private static final int FLAG_KEY = 0x80;
  private static final int FLAG_INVISIBLE = 0x08;
  private static final int FLAG_DISCARDABLE = 0x01;
  private static final int LACING_MASK = 0x06;

  private final int maxLaces;
  private final int[] laceSizes;

  BlockReader(ParserLimits limits) {
    this.maxLaces = limits.maxLacedFrames();
    this.laceSizes = new int[Math.min(limits.maxLacedFrames(), 256)];
  }

  /** Where the current block sits: set by the parser before each call. */
  static final class Context {
    long start;
    long end;
    long clusterTimecode;
    long timecodeScale;
  }

  /** A SimpleBlock body at {@code [index, index + size)}. */
  void simpleBlock(ByteBuffer buf, int index, int size, Context ctx, MkvListener listener) {
    block(buf, index, size, ctx, -1, listener);
  }

  /** A BlockGroup body: its Block is reported as a key frame unless a ReferenceBlock is present. */
  void blockGroup(ByteBuffer buf, int index, int size, Context ctx, MkvListener listener) {
    ElementCursor c = new ElementCursor(buf, index, index + size, ctx.start + (ctx.end - ctx.start - size));
    int blockIndex = -1;
    int blockSize = 0;
    boolean referenced = false;
    while (c.next()) {
      if (c.id == MkvIds.BLOCK) {
        blockIndex = c.dataIndex;
        blockSize = c.size;
      } else if (c.id == MkvIds.REFERENCE_BLOCK) {
        referenced = true;
      }
    }
    if (blockIndex < 0) {
      throw new MalformedMkvException("BlockGroup without a Block", ctx.start);
    }
    block(buf, blockIndex, blockSize, ctx, referenced ? 0 : 1, listener);
  }

  /** @param key 1 or 0 to force the key-frame flag (Block), -1 to read it from the flags (SimpleBlock) */
  private void block(ByteBuffer buf, int index, int size, Context ctx, int key, MkvListener listener) {
    int end = index + size;
    int trackLength = size == 0 ? 0 : Vint.length(buf.get(index));
    if (trackLength == 0 || index + trackLength + 3 > end) {
      throw new MalformedMkvException("block header truncated or bad track number", ctx.start);
    }
    long track = Vint.readSize(buf, index, trackLength);
    if (track <= 0) {
      throw new MalformedMkvException("bad block track number " + track, ctx.start);
    }
    int p = index + trackLength;
    int relative = buf.getShort(p);
    int flags = buf.get(p + 2) & 0xFF;
    p += 3;
    long timecode = ctx.clusterTimecode + relative;
    if (timecode < 0 && relative > 0) { // the cluster's timecode is never negative: this wrapped
      throw new TimecodeOverflowException(ctx.clusterTimecode, ctx.timecodeScale, ctx.start);
    }
    long nanos = TimecodeOverflowException.nanos(timecode, ctx.timecodeScale, ctx.start);
    boolean keyFrame = key < 0 ? (flags & FLAG_KEY) != 0 : key == 1;
    boolean invisible = (flags & FLAG_INVISIBLE) != 0;
    boolean discardable = key < 0 && (flags & FLAG_DISCARDABLE) != 0;
    int lacing = (flags & LACING_MASK) >> 1;
    if (lacing == 0) {
      listener.onEvent(new Frame(ctx.start, ctx.end, track, timecode, nanos, keyFrame, invisible, discardable, 0, 1,
          buf.slice(p, end - p)));
      return;
    }
    if (p >= end) {
      throw new MalformedMkvException("laced block without a lace count", ctx.start);
    }
    int count = (buf.get(p++) & 0xFF) + 1;
    if (count > maxLaces) {
      throw new MalformedMkvException("block with " + count + " laces, more than " + maxLaces, ctx.start);
    }
    p = laceSizes(buf, p, end, lacing, count, ctx.start);
    for (int i = 0; i < count; i++) {
      int length = laceSizes[i];
      listener.onEvent(new Frame(ctx.start, ctx.end, track, timecode, nanos, keyFrame, invisible, discardable, i,
          count, buf.slice(p, length)));
      p += length;
    }
  }

  /** Fills {@link #laceSizes} for {@code count} laces; returns the index of the first lace's data. */
  private int laceSizes(ByteBuffer buf, int p, int end, int lacing, int count, long offset) {
    long sum = 0;
    switch (lacing) {
      case 1 -> { // Xiph: each size is a run of 255s plus one byte below 255
        for (int i = 0; i < count - 1; i++) {
          int laceSize = 0;
          int b;
          do {
            if (p >= end) {
              throw new MalformedMkvException("Xiph lace sizes overrun the block", offset);
            }
            b = buf.get(p++) & 0xFF;
            laceSize += b;
          } while (b == 255);
          laceSizes[i] = laceSize;
          sum += laceSize;
        }
      }
      case 3 -> { // EBML: first size unsigned, the rest signed differences
        long previous = 0;
        for (int i = 0; i < count - 1; i++) {
          int length = p < end ? Vint.length(buf.get(p)) : 0;
          if (length == 0 || p + length > end) {
            throw new MalformedMkvException("EBML lace sizes overrun the block", offset);
          }
          long raw = Vint.readSize(buf, p, length);
          if (raw == Vint.UNKNOWN_SIZE) {
            throw new MalformedMkvException("EBML lace size is reserved", offset);
          }
          previous = i == 0 ? raw : previous + raw - ((1L << (7 * length - 1)) - 1);
          p += length;
          if (previous < 0 || previous > end) {
            throw new MalformedMkvException("bad EBML lace size " + previous, offset);
          }
          laceSizes[i] = (int) previous;
          sum += previous;
        }
      }
      default -> { // fixed: the data divides evenly
        int total = end - p;
        if (total % count != 0) {
          throw new MalformedMkvException(total + " bytes do not split into " + count + " fixed laces", offset);
        }
        for (int i = 0; i < count; i++) {
          laceSizes[i] = total / count;
        }
        return p;
      }
    }
    long last = end - p - sum;
    if (last < 0) {
      throw new MalformedMkvException("lace sizes exceed the block", offset);
    }
    laceSizes[count - 1] = (int) last;
    return p;
  }
}
