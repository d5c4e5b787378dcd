package dev.argus.parser.decode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A decoder's reusable picture memory: packed BGR24 rows ({@code width * 3} bytes each, no
 * padding) in one direct buffer aligned to {@value #ALIGNMENT} bytes for SIMD writers, with views
 * made on first use: a javacpp pointer for native writers and an OpenCV {@link Mat} header over
 * the same memory (the Mat never owns it).
 *
 * <p>The buffer grows when a picture needs more room and is otherwise reused; the views are
 * rebuilt when the picture size changes. At most {@code DEFAULT_MAX_DIMENSION² * 3} bytes.
 * Not thread-safe: owned by one decoder.
 */
final class BgrBuffer implements AutoCloseable {

  static final int ALIGNMENT = 64;

  /** Current picture width in pixels; 0 before the first {@link #ensure}. */
  private int width;
  /** Current picture height in pixels; 0 before the first {@link #ensure}. */
  private int height;
  /** Direct, aligned, capacity at least width * height * 3; null until the first ensure. */
  private ByteBuffer pixels;
  /** Pointer over {@link #pixels}, made on first use, dropped when pixels is reallocated. */
  private BytePointer pointer;
  /** Mat header (height x width, CV_8UC3) over {@link #pixels}; made on first use. */
  private Mat mat;

  /** Makes room for a {@code width x height} picture, keeping the memory when it fits. */
  void ensure(int width, int height) {
    if (width == this.width && height == this.height && pixels != null) {
      return;
    }
    int bytes = Math.multiplyExact(Math.multiplyExact(width, height), 3);
    releaseMat();
    if (pixels == null || pixels.capacity() < bytes) {
      releasePointer();
      pixels = ByteBuffer.allocateDirect(bytes + ALIGNMENT - 1).alignedSlice(ALIGNMENT);
    }
    this.width = width;
    this.height = height;
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  int byteCount() {
    return width * height * 3;
  }

  /** The writable pixel memory, position 0, limit {@link #byteCount()}. */
  ByteBuffer writable() {
    return pixels.duplicate().position(0).limit(byteCount());
  }

  /** A read-only view of the pixels, position 0, limit {@link #byteCount()}. */
  ByteBuffer view() {
    return writable().slice().asReadOnlyBuffer();
  }

  /** The native address of the pixels, for FFmpeg to write into. */
  BytePointer pointer() {
    if (pointer == null) {
      pointer = new BytePointer(pixels.duplicate().clear());
    }
    return pointer;
  }

  /** A Mat header (rows = height, cols = width, CV_8UC3, step = width * 3) over the pixels. */
  Mat mat() {
    if (mat == null) {
      mat = new Mat(height, width, opencv_core.CV_8UC3, pointer(), (long) width * 3);
    }
    return mat;
  }

  /** Copies the pixels into a {@code TYPE_3BYTE_BGR} image of the same size (B, G, R bytes). */
  void copyTo(BufferedImage image) {
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR
        || image.getWidth() != width || image.getHeight() != height) {
      throw new IllegalArgumentException("need a " + width + "x" + height
          + " TYPE_3BYTE_BGR image, got " + image.getWidth() + "x" + image.getHeight()
          + " type " + image.getType());
    }
    byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    if (data.length != byteCount()) {
      throw new IllegalArgumentException("image raster is a view into a larger image");
    }
    writable().get(data);
  }

  @Override
  public void close() {
    releaseMat();
    releasePointer();
    pixels = null;
    width = 0;
    height = 0;
  }

  private void releaseMat() {
    if (mat != null) {
      mat.close();
      mat = null;
    }
  }

  private void releasePointer() {
    if (pointer != null) {
      pointer.close();
      pointer = null;
    }
  }
}
