package dev.argus.parser.decode;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded picture, as handed to a {@link FrameSink}.
 *
 * <p><b>Lifetime.</b> The object and the pixel memory behind {@link #bgr()} and {@link #mat()}
 * belong to the decoder and are reused for the next picture: they are valid only until the
 * sink's {@code accept} returns. After that every method throws {@link IllegalStateException},
 * and a {@code Mat} or {@code ByteBuffer} obtained earlier shows later pictures (or, after the
 * decoder is closed, memory no longer in use). To keep a picture, copy it:
 * {@link #toBufferedImage()}, {@code mat().clone()}, or {@link #copyTo(BufferedImage)} into an
 * image the caller owns and reuses.
 *
 * <p><b>Pixels.</b> Packed BGR24: {@code height} rows of {@code width * 3} bytes, no padding,
 * blue first, the layout of OpenCV's {@code CV_8UC3} and of {@code TYPE_3BYTE_BGR}. The
 * conversion from the decoder's YUV runs on the first pixel access, so a sink that skips a
 * picture (sampling every Nth frame) pays for decoding only.
 *
 * <p>Not thread-safe: use it on the thread that called the decoder.
 */
public final class DecodedFrame {

  private final BgrBuffer buffer;
  private final PixelSource source;
  /** Picture size in pixels (cropped, as displayed). */
  private int width;
  private int height;
  /** Presentation time of the picture's packet, in milliseconds. */
  private long ptsMs;
  private boolean keyFrame;
  /** True only while a sink holds this frame. */
  private boolean valid;
  /** True once the current picture has been written into {@link #buffer}. */
  private boolean converted;

  DecodedFrame(BgrBuffer buffer, PixelSource source) {
    this.buffer = buffer;
    this.source = source;
  }

  /** Makes this object describe a new picture and hands it to {@code sink}; then invalidates it. */
  void deliver(int width, int height, long ptsMs, boolean keyFrame, FrameSink sink) {
    this.width = width;
    this.height = height;
    this.ptsMs = ptsMs;
    this.keyFrame = keyFrame;
    this.converted = false;
    this.valid = true;
    try {
      sink.accept(this);
    } finally {
      valid = false;
    }
  }

  /** Picture width in pixels, after cropping. */
  public int width() {
    checkValid();
    return width;
  }

  /** Picture height in pixels, after cropping. */
  public int height() {
    checkValid();
    return height;
  }

  /** The presentation time in milliseconds given with the packet this picture came from. */
  public long ptsMs() {
    checkValid();
    return ptsMs;
  }

  /** Whether the picture is a key frame (decodable on its own). */
  public boolean keyFrame() {
    checkValid();
    return keyFrame;
  }

  /** A read-only view of the BGR24 pixels: {@code width * height * 3} bytes, position 0. */
  public ByteBuffer bgr() {
    convert();
    return buffer.view();
  }

  /** A {@code CV_8UC3} Mat ({@code height} rows, {@code width} columns) over the decoder's memory. */
  public Mat mat() {
    convert();
    return buffer.mat();
  }

  /** A new {@code TYPE_3BYTE_BGR} image holding a copy of the picture; the caller owns it. */
  public BufferedImage toBufferedImage() {
    convert();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    buffer.copyTo(image);
    return image;
  }

  /**
   * Copies the picture into {@code image}, which must be a {@code TYPE_3BYTE_BGR} image of
   * exactly {@code width x height} (not a sub-image).
   */
  public void copyTo(BufferedImage image) {
    convert();
    buffer.copyTo(image);
  }

  private void convert() {
    checkValid();
    if (!converted) {
      buffer.ensure(width, height);
      source.writeBgr(buffer);
      converted = true;
    }
  }

  private void checkValid() {
    if (!valid) {
      throw new IllegalStateException(
          "a DecodedFrame is valid only inside FrameSink.accept; copy what must outlive it");
    }
  }

  @Override
  public String toString() {
    return valid
        ? "DecodedFrame[" + width + "x" + height + ", ptsMs=" + ptsMs + ", key=" + keyFrame + "]"
        : "DecodedFrame[released]";
  }
}
