package dev.argus.producer.source;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** Raw YUV 4:2:0 frames from FFmpeg's test pattern with noise (hard to compress, like a camera). */
final class YuvFrames {

  private YuvFrames() {}

  /** {@code count} frames of {@code width}x{@code height}, each a direct buffer of planes back to back (stride = width). */
  static List<ByteBuffer> generate(int width, int height, int count) throws Exception {
    List<ByteBuffer> frames = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(
        "testsrc=size=" + width + "x" + height + ":rate=30,noise=alls=20:allf=t+u,format=yuv420p")) {
      grabber.setFormat("lavfi");
      grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
      grabber.start();
      for (int i = 0; i < count; i++) {
        Frame f = grabber.grabImage();
        ByteBuffer plane = ((ByteBuffer) f.image[0]).duplicate();
        plane.position(0).limit(width * height * 3 / 2);
        ByteBuffer copy = ByteBuffer.allocateDirect(plane.remaining());
        copy.put(plane).flip();
        frames.add(copy);
      }
    }
    return frames;
  }
}
