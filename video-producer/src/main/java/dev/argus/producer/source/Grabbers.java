package dev.argus.producer.source;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** Opens javacv FFmpeg grabbers for each kind of {@link SourceSpec}. Stateless. */
final class Grabbers {

  static {
    // FFmpeg's banners and per-stream dumps would flood stderr for every (re)opened camera.
    org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
  }

  private Grabbers() {}

  /** A configured, not yet started grabber; {@code pixelFormat} is -1 to leave frames as decoded. */
  static FFmpegFrameGrabber create(SourceSpec spec, SourceOptions options) {
    FFmpegFrameGrabber grabber;
    if (spec instanceof SourceSpec.File f) {
      grabber = new FFmpegFrameGrabber(f.path().toString());
    } else if (spec instanceof SourceSpec.Rtsp r) {
      grabber = new FFmpegFrameGrabber(r.uri().toString());
      grabber.setFormat("rtsp");
      grabber.setOption("rtsp_transport", "tcp");
      grabber.setOption("timeout", Long.toString(options.ioTimeout().toNanos() / 1000));
    } else if (spec instanceof SourceSpec.V4l2 v) {
      grabber = new FFmpegFrameGrabber(v.device().toString());
      grabber.setFormat("video4linux2");
    } else {
      SourceSpec.TestPattern t = (SourceSpec.TestPattern) spec;
      grabber = new FFmpegFrameGrabber(t.filterGraph());
      grabber.setFormat("lavfi");
    }
    return grabber;
  }

  /** Starts the grabber, wrapping javacv's failure. */
  static void start(FFmpegFrameGrabber grabber, String what) throws SourceException {
    try {
      grabber.start();
    } catch (FrameGrabber.Exception e) {
      throw new SourceException("cannot open " + what + ": " + e.getMessage(), e);
    }
  }

  /** The index of the first video stream. */
  static int videoStream(FFmpegFrameGrabber grabber, String what) throws SourceException {
    AVFormatContext context = grabber.getFormatContext();
    for (int i = 0; i < context.nb_streams(); i++) {
      if (context.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
        return i;
      }
    }
    throw new SourceException(what + " has no video stream");
  }

  /** {@code value} in the stream's time base, as microseconds. */
  static long micros(AVStream stream, long value) {
    AVRational tb = stream.time_base();
    return Math.multiplyExact(value, 1_000_000L * tb.num()) / tb.den();
  }

  static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception ignored) {
      // closing a broken source: nothing left to do with it
    }
  }
}
