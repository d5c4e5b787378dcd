package dev.argus.parser.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_free_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_isSupportedInput;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;

/**
 * Converts FFmpeg pictures to packed BGR24 in a {@link BgrBuffer} with libswscale
 * ({@code sws_scale_frame}, which takes the source's colour matrix and range from the frame and
 * re-initialises itself when they or the size change), using {@code threads} slice threads.
 * Holds one scaler context and one destination frame header; not thread-safe.
 */
final class BgrConverter implements AutoCloseable {

  private final SwsContext scaler;
  /** Describes the destination; its data pointer is set per conversion and cleared after. */
  private final AVFrame destination;

  private BgrConverter(SwsContext scaler, AVFrame destination) {
    this.scaler = scaler;
    this.destination = destination;
  }

  /** A converter with {@code threads} slice threads. */
  static BgrConverter create(int threads) throws DecoderFailedException {
    SwsContext scaler = sws_alloc_context();
    AVFrame destination = av_frame_alloc();
    if (scaler == null || scaler.isNull() || destination == null || destination.isNull()) {
      if (scaler != null && !scaler.isNull()) {
        sws_free_context(scaler);
      }
      if (destination != null && !destination.isNull()) {
        av_frame_free(destination);
      }
      throw new DecoderFailedException("FFmpeg could not allocate a scaler");
    }
    scaler.threads(threads).flags(SWS_BILINEAR);
    return new BgrConverter(scaler, destination);
  }

  /** Whether pictures in this AVPixelFormat can be converted. */
  static boolean canConvert(int pixelFormat) {
    return sws_isSupportedInput(pixelFormat) != 0;
  }

  /** Writes {@code source} into {@code target}, already sized to the source's width and height. */
  void convert(AVFrame source, BgrBuffer target) {
    av_frame_unref(destination);
    destination.width(target.width()).height(target.height()).format(AV_PIX_FMT_BGR24);
    destination.data(0, target.pointer()).linesize(0, target.width() * 3);
    int ret = sws_scale_frame(scaler, destination, source);
    // The header does not own target's memory: forget the pointer before anything can free it.
    destination.data(0, null);
    if (ret < 0) {
      throw new IllegalStateException("swscale failed converting a checked picture to BGR: "
          + FfmpegFrameDecoder.errorText(ret));
    }
  }

  @Override
  public void close() {
    av_frame_free(destination);
    sws_free_context(scaler);
  }
}
