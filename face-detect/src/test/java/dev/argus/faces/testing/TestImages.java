package dev.argus.faces.testing;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.argus.faces.image.ImageDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The real test images: two public-domain photos (see images/NOTICE.md) and frames of
 * testdata/kvs/bezos_vogels.mkv, decoded with javacv's FFmpeg grabber (test code only).
 */
public final class TestImages {

  /**
   * Where each person is on screen in bezos_vogels.mkv, in the file's own presentation times
   * (which start at 0.834 s, the first cluster's timecode), as measured with a 0.2 s sweep: the
   * first speaker (A) alone until 5.9 s, a wide shot of both from 6.0 s, the second speaker (B)
   * alone from 11.55 s to the end (19.05 s).
   */
  public static final double ONLY_A_UNTIL = 5.9;
  public static final double ONLY_B_FROM = 11.55;
  /** Frames this close to a cut are left out of counts: the cut is known to ±0.1 s. */
  public static final double CUT_MARGIN = 0.25;

  /** Who is on screen at a presentation time. */
  public enum Shot { ONLY_A, BOTH, ONLY_B, NEAR_CUT }

  public static Shot shotAt(double seconds) {
    if (Math.abs(seconds - ONLY_A_UNTIL) < CUT_MARGIN || Math.abs(seconds - ONLY_B_FROM) < CUT_MARGIN) {
      return Shot.NEAR_CUT;
    }
    if (seconds < ONLY_A_UNTIL) {
      return Shot.ONLY_A;
    }
    return seconds < ONLY_B_FROM ? Shot.BOTH : Shot.ONLY_B;
  }

  private TestImages() {
  }

  public static byte[] bytes(String name) {
    try (InputStream in = TestImages.class.getResourceAsStream("/dev/argus/faces/images/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test image " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Mat decode(String name) {
    return ImageDecoder.decode(bytes(name));
  }

  /** The frame of the video nearest after {@code seconds}, encoded as a JPEG. */
  public static byte[] encodeVideoFrameJpeg(double seconds) {
    List<TimedFrame> frames = videoFrames(seconds, 1000);
    try {
      return jpeg(frames.get(0).bgr());
    } finally {
      frames.forEach(f -> f.bgr().close());
    }
  }

  /** A uniform grey 320x240 JPEG: a valid image with no face. */
  public static byte[] blankJpeg() {
    try (Mat grey = new Mat(240, 320, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
        new org.bytedeco.opencv.opencv_core.Scalar(128, 128, 128, 0))) {
      return jpeg(grey);
    }
  }

  public static byte[] jpeg(Mat bgr) {
    try (org.bytedeco.javacpp.BytePointer out = new org.bytedeco.javacpp.BytePointer()) {
      org.bytedeco.opencv.global.opencv_imgcodecs.imencode(".jpg", bgr, out);
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }

  public static Path video() {
    return Path.of(System.getProperty("argus.testdata", "../testdata"), "kvs", "bezos_vogels.mkv");
  }

  /** A decoded frame and its presentation time in seconds. */
  public record TimedFrame(double seconds, Mat bgr) {
  }

  /**
   * Frames of bezos_vogels.mkv, one each {@code step} seconds starting at {@code first}, as BGR
   * mats the caller owns.
   */
  public static List<TimedFrame> videoFrames(double first, double step) {
    List<TimedFrame> frames = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video().toFile());
         OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
      grabber.start();
      double next = first;
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        double seconds = frame.timestamp / 1e6;
        if (seconds + 1e-6 < next) {
          continue;
        }
        Mat mat = converter.convert(frame);
        Mat bgr = new Mat();
        if (mat.channels() == 4) {
          cvtColor(mat, bgr, COLOR_BGRA2BGR);
        } else {
          mat.copyTo(bgr);
        }
        frames.add(new TimedFrame(seconds, bgr));
        next += step;
      }
      grabber.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + video(), e);
    }
    return frames;
  }
}
