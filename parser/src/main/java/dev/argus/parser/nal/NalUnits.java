package dev.argus.parser.nal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The two framings of H.264/H.265 NAL units: Annex B byte streams (each unit after a 00 00 01 or
 * 00 00 00 01 start code; what decoders and RTP/RTSP cameras use) and length-prefixed units (each
 * after its big-endian length of 1, 2 or 4 bytes; what MP4 and Matroska store, "AVCC"/"HVCC").
 * Pure functions. Returned slices share the input's bytes; arrays are new.
 */
public final class NalUnits {

  private static final byte[] START_CODE = {0, 0, 0, 1};

  private NalUnits() {
  }

  /**
   * The NAL units of an Annex B stream, without start codes or trailing zero bytes; bytes before
   * the first start code are ignored.
   */
  public static List<ByteBuffer> splitAnnexB(ByteBuffer stream) {
    List<ByteBuffer> units = new ArrayList<>();
    int end = stream.limit();
    int start = -1;
    int i = stream.position();
    while (i + 2 < end) {
      if (stream.get(i) == 0 && stream.get(i + 1) == 0 && stream.get(i + 2) == 1) {
        if (start >= 0) {
          units.add(slice(stream, start, trimZeros(stream, start, i)));
        }
        i += 3;
        start = i;
      } else {
        i++;
      }
    }
    if (start >= 0) {
      units.add(slice(stream, start, trimZeros(stream, start, end)));
    }
    units.removeIf(u -> !u.hasRemaining());
    return units;
  }

  private static int trimZeros(ByteBuffer stream, int start, int end) {
    while (end > start && stream.get(end - 1) == 0) {
      end--;
    }
    return end;
  }

  private static ByteBuffer slice(ByteBuffer stream, int from, int to) {
    return stream.slice(from, to - from);
  }

  /**
   * The NAL units of a length-prefixed buffer.
   *
   * @param lengthSize 1, 2 or 4 (AVCDecoderConfigurationRecord lengthSizeMinusOne + 1)
   * @throws InvalidNalException when a length overruns the buffer
   */
  public static List<ByteBuffer> splitLengthPrefixed(ByteBuffer buffer, int lengthSize) {
    checkLengthSize(lengthSize);
    List<ByteBuffer> units = new ArrayList<>();
    int p = buffer.position();
    int end = buffer.limit();
    while (p < end) {
      if (p + lengthSize > end) {
        throw new InvalidNalException("NAL length prefix cut off at byte " + p);
      }
      long length = 0;
      for (int k = 0; k < lengthSize; k++) {
        length = (length << 8) | (buffer.get(p + k) & 0xFF);
      }
      p += lengthSize;
      if (length > end - p) {
        throw new InvalidNalException("NAL unit of " + length + " bytes overruns the buffer at byte " + p);
      }
      units.add(slice(buffer, p, p + (int) length));
      p += (int) length;
    }
    return units;
  }

  /** Length-prefixed units to an Annex B stream with 4-byte start codes. */
  public static byte[] lengthPrefixedToAnnexB(ByteBuffer buffer, int lengthSize) {
    return annexB(splitLengthPrefixed(buffer, lengthSize));
  }

  /** An Annex B stream to length-prefixed units. */
  public static byte[] annexBToLengthPrefixed(ByteBuffer stream, int lengthSize) {
    return lengthPrefixed(splitAnnexB(stream), lengthSize);
  }

  /** Units joined as an Annex B stream with 4-byte start codes. */
  public static byte[] annexB(List<ByteBuffer> units) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer unit : units) {
      out.writeBytes(START_CODE);
      out.writeBytes(bytes(unit));
    }
    return out.toByteArray();
  }

  /** Units joined, each after its big-endian length of {@code lengthSize} bytes. */
  public static byte[] lengthPrefixed(List<ByteBuffer> units, int lengthSize) {
    checkLengthSize(lengthSize);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer unit : units) {
      int length = unit.remaining();
      if (lengthSize < 4 && length >= 1 << (8 * lengthSize)) {
        throw new InvalidNalException("NAL unit of " + length + " bytes does not fit a " + lengthSize + "-byte length");
      }
      for (int k = lengthSize - 1; k >= 0; k--) {
        out.write(length >>> (8 * k));
      }
      out.writeBytes(bytes(unit));
    }
    return out.toByteArray();
  }

  /** A NAL unit's payload without emulation-prevention bytes (00 00 03 becomes 00 00), from {@code offset}. */
  public static byte[] unescape(ByteBuffer unit, int offset) {
    byte[] out = new byte[Math.max(0, unit.remaining() - offset)];
    int n = 0;
    int zeros = 0;
    for (int i = unit.position() + offset; i < unit.limit(); i++) {
      byte b = unit.get(i);
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      out[n++] = b;
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /** The unit's bytes as a new array. */
  public static byte[] bytes(ByteBuffer unit) {
    byte[] bytes = new byte[unit.remaining()];
    unit.get(unit.position(), bytes);
    return bytes;
  }

  private static void checkLengthSize(int lengthSize) {
    if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
      throw new IllegalArgumentException("length size must be 1, 2 or 4: " + lengthSize);
    }
  }
}
