package dev.argus.faces.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes the images Rekognition accepts, JPEG and PNG, into 8-bit BGR.
 *
 * <p>Limits, checked before any pixel is decoded: at most {@link #DEFAULT_MAX_IMAGE_BYTES} encoded
 * bytes (Rekognition's limit for {@code Image.Bytes}); at most {@link #DEFAULT_MAX_PIXELS} pixels
 * as declared in the PNG header or the JPEG frame header, so a small file cannot claim a huge
 * canvas. The format is recognised by its signature, never by what a client says it is.
 *
 * <p>Stateless and thread-safe.
 */
public final class ImageDecoder {

  /** Rekognition's limit for images passed as bytes: 5 MB. */
  public static final int DEFAULT_MAX_IMAGE_BYTES = 5 * 1024 * 1024;
  /** 64 megapixels: a decoded image is then at most 192 MiB of BGR. */
  public static final long DEFAULT_MAX_PIXELS = 64L * 1024 * 1024;

  private ImageDecoder() {
  }

  /**
   * Decodes {@code bytes}. The caller owns the returned {@link Mat} and must close it.
   *
   * @throws ImageTooLargeException       past either limit
   * @throws InvalidImageFormatException  not a JPEG or PNG, or corrupt
   */
  public static Mat decode(byte[] bytes) {
    if (bytes.length > DEFAULT_MAX_IMAGE_BYTES) {
      throw new ImageTooLargeException("image is " + bytes.length + " bytes; the limit is "
          + DEFAULT_MAX_IMAGE_BYTES + " (5 MB)");
    }
    ImageHeader header = ImageHeader.read(bytes);
    if ((long) header.width() * header.height() > DEFAULT_MAX_PIXELS) {
      throw new ImageTooLargeException("image is " + header.width() + "x" + header.height()
          + " pixels; the limit is " + DEFAULT_MAX_PIXELS + " pixels");
    }
    Mat image;
    try (BytePointer data = new BytePointer(bytes); Mat encoded = new Mat(1, bytes.length,
        org.bytedeco.opencv.global.opencv_core.CV_8UC1, data)) {
      image = imdecode(encoded, IMREAD_COLOR);
    }
    if (image == null || image.empty()) {
      if (image != null) {
        image.close();
      }
      throw new InvalidImageFormatException("the " + header.format() + " image could not be decoded");
    }
    return image;
  }
}
