package dev.argus.producer.source;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import dev.argus.producer.fragment.Packet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * H.264 encoding with FFmpeg's libopenh264 wrapper: YUV 4:2:0 planar frames in, AVCC samples out.
 *
 * <p>openh264 makes no B-frames, so packets come out in input order with pts = dts; each output
 * packet gets back the producer timestamp of its input frame. A frame passed with {@code key} is
 * encoded as an IDR picture (the wrapper forces an intra frame for {@code AV_PICTURE_TYPE_I}).
 * The CodecPrivate comes from the parameter sets the encoder emits as global header.
 *
 * <p>Not thread-safe. Holds native memory until {@link #close()}.
 */
final class H264Encoder implements AutoCloseable {

  /** The encoder FFmpeg knows as libopenh264 (bundled with bytedeco's FFmpeg). */
  static final String ENCODER = "libopenh264";
  private static final int EAGAIN = -11;

  private final AVCodecContext context;
  private final AVFrame frame;
  private final AVPacket packet;
  private final int width;
  private final int height;
  private final byte[] codecPrivate;
  /** Producer µs by encoder frame index, for frames not yet out of the encoder. */
  private final Map<Long, Long> pending = new HashMap<>();
  private long frameIndex;

  H264Encoder(int width, int height, int fps, int bitrate, int gopFrames) throws SourceException {
    AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
    if (codec == null) {
      throw new SourceException("FFmpeg has no " + ENCODER + " encoder");
    }
    this.width = width;
    this.height = height;
    context = avcodec_alloc_context3(codec);
    context.width(width).height(height).pix_fmt(AV_PIX_FMT_YUV420P)
        .time_base(av_make_q(1, fps)).framerate(av_make_q(fps, 1))
        .bit_rate(bitrate).gop_size(gopFrames).max_b_frames(0)
        .flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    int opened = avcodec_open2(context, codec, (AVDictionary) null);
    if (opened < 0) {
      avcodec_free_context(context);
      throw new SourceException("cannot open " + ENCODER + " for " + width + "x" + height + "@" + fps + ": error " + opened);
    }
    byte[] extradata = new byte[context.extradata_size()];
    context.extradata().get(extradata);
    codecPrivate = AvcFormat.configurationFromAnnexB(extradata);
    if (codecPrivate == null) {
      avcodec_free_context(context);
      throw new SourceException(ENCODER + " gave no SPS/PPS");
    }
    frame = av_frame_alloc();
    frame.format(AV_PIX_FMT_YUV420P).width(width).height(height);
    packet = av_packet_alloc();
  }

  VideoTrack track() {
    return new VideoTrack(VideoTrack.H264, codecPrivate, width, height);
  }

  /**
   * Encodes one frame whose planes start at {@code yuv} with luma stride {@code stride} (chroma
   * strides half of it, planes back to back); returns the packets the encoder produced.
   */
  List<Packet> encode(BytePointer yuv, int stride, long producerMicros, boolean key) throws SourceException {
    long lumaBytes = (long) stride * height;
    long chromaBytes = (long) (stride / 2) * (height / 2);
    frame.data(0, new BytePointer(yuv).position(0)).linesize(0, stride);
    frame.data(1, new BytePointer(yuv).position(lumaBytes)).linesize(1, stride / 2);
    frame.data(2, new BytePointer(yuv).position(lumaBytes + chromaBytes)).linesize(2, stride / 2);
    frame.pts(frameIndex).pict_type(key ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
    pending.put(frameIndex++, producerMicros);
    int sent = avcodec_send_frame(context, frame);
    if (sent < 0) {
      throw new SourceException(ENCODER + " refused a frame: error " + sent);
    }
    return drain();
  }

  /** Ends the stream and returns the packets still inside the encoder. */
  List<Packet> flush() throws SourceException {
    avcodec_send_frame(context, null);
    return drain();
  }

  private List<Packet> drain() throws SourceException {
    List<Packet> out = new ArrayList<>(1);
    while (true) {
      int got = avcodec_receive_packet(context, packet);
      if (got == EAGAIN || got == org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF) {
        return out;
      }
      if (got < 0) {
        throw new SourceException(ENCODER + " failed: error " + got);
      }
      byte[] data = new byte[packet.size()];
      packet.data().get(data);
      Long micros = pending.remove(packet.pts());
      boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
      av_packet_unref(packet);
      if (micros != null && data.length > 0) {
        byte[] sample = AvcFormat.isAnnexB(data) ? AvcFormat.annexBToAvcc(data) : data;
        out.add(new Packet(1, micros, micros, key, sample));
      }
    }
  }

  @Override
  public void close() {
    av_packet_free(packet);
    av_frame_free(frame);
    avcodec_free_context(context);
  }
}
