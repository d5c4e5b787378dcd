package dev.argus.faces.image;

/**
 * A JPEG's or PNG's format and declared size, read from its first bytes (pure).
 *
 * <ul>
 *   <li>PNG: the 8-byte signature, then the IHDR chunk, whose data starts with width and height
 *       as 4-byte big-endian integers at offsets 16 and 20 (PNG spec §11.2.2).</li>
 *   <li>JPEG: {@code FF D8}, then marker segments; the first start-of-frame marker
 *       ({@code C0..CF} except {@code C4}, {@code C8}, {@code CC}) carries the precision byte,
 *       then height and width as 2-byte big-endian integers (ITU T.81 §B.2.2).</li>
 * </ul>
 */
record ImageHeader(String format, int width, int height) {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  ImageHeader {
    if (width <= 0 || height <= 0) {
      throw new InvalidImageFormatException(format + " header declares a size of " + width + "x" + height);
    }
  }

  /** @throws InvalidImageFormatException when the bytes are neither a JPEG nor a PNG with a readable size */
  static ImageHeader read(byte[] b) {
    if (startsWith(b, PNG_SIGNATURE)) {
      if (b.length < 24) {
        throw new InvalidImageFormatException("PNG is truncated before its IHDR chunk");
      }
      return new ImageHeader("PNG", int32(b, 16), int32(b, 20));
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
      return readJpeg(b);
    }
    throw new InvalidImageFormatException("the image is neither a JPEG nor a PNG (Rekognition accepts only those)");
  }

  private static ImageHeader readJpeg(byte[] b) {
    int at = 2;
    while (at + 4 <= b.length) {
      if ((b[at] & 0xff) != 0xff) {
        throw new InvalidImageFormatException("JPEG marker expected at byte " + at);
      }
      int marker = b[at + 1] & 0xff;
      if (marker == 0xff) { // fill byte
        at++;
        continue;
      }
      if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { // no length
        at += 2;
        continue;
      }
      int length = ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
      if (length < 2) {
        throw new InvalidImageFormatException("JPEG segment length " + length + " at byte " + at);
      }
      boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
      if (startOfFrame) {
        if (at + 9 > b.length) {
          break;
        }
        int height = ((b[at + 5] & 0xff) << 8) | (b[at + 6] & 0xff);
        int width = ((b[at + 7] & 0xff) << 8) | (b[at + 8] & 0xff);
        return new ImageHeader("JPEG", width, height);
      }
      at += 2 + length;
    }
    throw new InvalidImageFormatException("JPEG has no frame header");
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int int32(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }
}
