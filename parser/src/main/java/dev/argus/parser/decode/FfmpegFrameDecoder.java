package dev.argus.parser.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H265;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_ENOMEM;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_PATCHWELCOME;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Decodes H.264 and H.265 with FFmpeg's libavcodec (through javacpp's bindings), packets straight
 * from memory, and converts pictures to BGR24 with libswscale into a reused buffer.
 *
 * <p>The track's CodecPrivate (AVCC/HVCC) becomes the codec's extradata, so packets are the
 * Matroska block payloads as they are. The codec runs its own frame and slice threads
 * ({@link Options#threads()}, default one per core); with {@code n} frame threads a picture comes
 * out up to {@code n - 1} packets after its own, and {@link #flush} delivers the rest. Pictures
 * come out in presentation order carrying their packet's {@code ptsMs}.
 *
 * <p>With {@link Options#failOnDamage()} (the default) the codec reports damaged packets instead
 * of concealing them, and they surface as {@link CorruptPacketException}. After reported damage
 * the next key frame is decoded by a freshly opened codec; {@link #flush} always reopens it, so
 * after a flush no earlier input (even garbage the codec accepted silently, such as a bogus
 * parameter set) can affect later pictures. Every size is checked
 * in Java before it reaches native code (see {@link FrameDecoder} for the limits).
 *
 * <p>Not thread-safe (see {@link FrameDecoder}). Native memory (codec context, one packet, one
 * frame, the scaler and the BGR buffer) is held until {@link #close}.
 */
public final class FfmpegFrameDecoder implements FrameDecoder {

  /** FFmpeg's FF_THREAD_FRAME | FF_THREAD_SLICE (libavcodec/avcodec.h), not mapped by javacpp. */
  private static final int THREAD_FRAME_AND_SLICE = 1 | 2;
  /** FFmpeg's AV_FRAME_FLAG_KEY (libavutil/frame.h), not mapped by javacpp. */
  private static final int FRAME_FLAG_KEY = 1 << 1;
  /** Most codec threads accepted; FFmpeg's H.264 decoder caps frame threads at 16 anyway. */
  public static final int MAX_THREADS = 64;

  /**
   * How to run the codec.
   *
   * @param threads codec threads, 1 to {@link #MAX_THREADS} (frame and slice threading)
   * @param failOnDamage report damaged packets as {@link CorruptPacketException} (FFmpeg's
   *     {@code AV_EF_EXPLODE}) rather than output concealed pictures
   * @param maxPacketBytes largest packet accepted, 1 to {@link #DEFAULT_MAX_PACKET_BYTES}
   */
  public record Options(int threads, boolean failOnDamage, int maxPacketBytes) {

    public Options {
      if (threads < 1 || threads > MAX_THREADS) {
        throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", was " + threads);
      }
      if (maxPacketBytes < 1 || maxPacketBytes > DEFAULT_MAX_PACKET_BYTES) {
        throw new IllegalArgumentException(
            "maxPacketBytes must be 1.." + DEFAULT_MAX_PACKET_BYTES + ", was " + maxPacketBytes);
      }
    }

    /** One codec thread per available core, damaged packets reported, the default packet limit. */
    public static Options defaults() {
      int cores = Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);
      return new Options(cores, true, DEFAULT_MAX_PACKET_BYTES);
    }

    /** These options with {@code threads} codec threads. */
    public Options withThreads(int threads) {
      return new Options(threads, failOnDamage, maxPacketBytes);
    }

    /** These options with damage reporting on or off. */
    public Options withFailOnDamage(boolean failOnDamage) {
      return new Options(threads, failOnDamage, maxPacketBytes);
    }
  }

  private final DecoderConfig config;
  private final Options options;
  /** The open codec; replaced by a fresh one when a key frame follows damage. */
  private AVCodecContext codec;
  /**
   * True once the codec reported damage: its state (parameter sets, references) may be
   * poisoned, so the next key frame starts from a freshly opened codec (as every flush does).
   */
  private boolean damaged;
  private final AVPacket packet;
  /** The picture most recently received from the codec; its data is valid until unref. */
  private final AVFrame frame;
  private final BgrConverter converter;
  private final BgrBuffer bgr = new BgrBuffer();
  private final DecodedFrame picture;
  private boolean closed;

  private FfmpegFrameDecoder(DecoderConfig config, Options options, AVCodecContext codec,
      BgrConverter converter) {
    this.config = config;
    this.options = options;
    this.codec = codec;
    this.converter = converter;
    this.packet = av_packet_alloc();
    this.frame = av_frame_alloc();
    this.picture = new DecodedFrame(bgr, target -> converter.convert(frame, target));
  }

  /** Opens a decoder with {@link Options#defaults()}. */
  public static FfmpegFrameDecoder open(DecoderConfig config)
      throws UnsupportedStreamException, DecoderFailedException {
    return open(config, Options.defaults());
  }

  /**
   * Opens a decoder for {@code config}'s codec with its CodecPrivate as extradata.
   *
   * @throws UnsupportedStreamException FFmpeg has no decoder for the codec, or rejects the
   *     CodecPrivate
   * @throws DecoderFailedException native memory could not be allocated
   */
  public static FfmpegFrameDecoder open(DecoderConfig config, Options options)
      throws UnsupportedStreamException, DecoderFailedException {
    AVCodecContext context = openContext(config, options);
    BgrConverter converter;
    try {
      converter = BgrConverter.create(options.threads());
    } catch (DecoderFailedException e) {
      avcodec_free_context(context);
      throw e;
    }
    FfmpegFrameDecoder opened = new FfmpegFrameDecoder(config, options, context, converter);
    if (isNull(opened.packet) || isNull(opened.frame)) {
      opened.close();
      throw new DecoderFailedException("FFmpeg could not allocate a packet or frame");
    }
    return opened;
  }

  private static AVCodecContext openContext(DecoderConfig config, Options options)
      throws UnsupportedStreamException, DecoderFailedException {
    AVCodec decoder = avcodec_find_decoder(codecId(config.codec()));
    if (isNull(decoder)) {
      throw new UnsupportedStreamException("this FFmpeg build has no " + config.codec() + " decoder");
    }
    AVCodecContext context = avcodec_alloc_context3(decoder);
    if (isNull(context)) {
      throw new DecoderFailedException("avcodec_alloc_context3 failed");
    }
    try {
      configure(context, config, options);
      int ret = avcodec_open2(context, decoder, (AVDictionary) null);
      if (ret < 0) {
        throw new UnsupportedStreamException(
            "FFmpeg refused the " + config.codec() + " stream: " + errorText(ret));
      }
      return context;
    } catch (DecodeException | RuntimeException e) {
      avcodec_free_context(context);
      throw e;
    }
  }

  private static void configure(AVCodecContext context, DecoderConfig config, Options options)
      throws DecoderFailedException {
    byte[] extradata = config.codecPrivateBytes();
    if (extradata.length > 0) {
      // FFmpeg reads extradata with bit readers that may overrun by up to the padding size:
      // allocate it with av_mallocz (the context frees it) and zeroed padding.
      BytePointer copy = new BytePointer(av_mallocz(extradata.length + AV_INPUT_BUFFER_PADDING_SIZE));
      if (copy.isNull()) {
        throw new DecoderFailedException("av_mallocz failed for extradata");
      }
      copy.capacity(extradata.length).put(extradata);
      context.extradata(copy).extradata_size(extradata.length);
    }
    context.width(config.width()).height(config.height());
    context.thread_count(options.threads()).thread_type(THREAD_FRAME_AND_SLICE);
    context.pkt_timebase(av_make_q(1, 1000));
    if (options.failOnDamage()) {
      context.err_recognition(context.err_recognition() | AV_EF_EXPLODE);
    }
  }

  @Override
  public DecoderConfig config() {
    return config;
  }

  /** The options this decoder was opened with. */
  public Options options() {
    return options;
  }

  @Override
  public int decode(ByteBuffer data, long ptsMs, boolean keyFrame, FrameSink sink)
      throws DecodeException {
    checkOpen();
    int size = Packets.checkedSize(data, options.maxPacketBytes());
    int delivered = 0;
    if (keyFrame && damaged) {
      delivered += restart(sink);
    }
    fillPacket(data, size, ptsMs, keyFrame);
    try {
      int ret = avcodec_send_packet(codec, packet);
      if (ret == AVERROR_EAGAIN()) {
        // The codec holds finished pictures it wants taken first (send/receive contract).
        delivered += drain(sink);
        ret = avcodec_send_packet(codec, packet);
      }
      if (ret < 0) {
        throw failure(ret, "decoding a packet");
      }
      return delivered + drain(sink);
    } finally {
      av_packet_unref(packet);
    }
  }

  private void fillPacket(ByteBuffer data, int size, long ptsMs, boolean keyFrame)
      throws DecoderFailedException {
    av_packet_unref(packet);
    if (av_new_packet(packet, size) < 0) {
      throw new DecoderFailedException("av_new_packet failed for " + size + " bytes");
    }
    packet.data().capacity(size).asBuffer().put(data.duplicate());
    packet.pts(ptsMs).dts(AV_NOPTS_VALUE).flags(keyFrame ? AV_PKT_FLAG_KEY : 0);
  }

  @Override
  public int flush(FrameSink sink) throws DecodeException {
    checkOpen();
    try {
      int ret = avcodec_send_packet(codec, null);
      if (ret < 0 && ret != AVERROR_EOF) {
        throw failure(ret, "draining");
      }
      return drain(sink);
    } finally {
      // avcodec_flush_buffers keeps parameter sets, and garbage that parsed as an SPS or PPS
      // would outlive it: a fresh codec makes the next sequence decode exactly as in a new one.
      reopen();
    }
  }

  /**
   * Before a key frame that follows damage: delivers what the codec still holds, then replaces
   * it with a freshly opened one. Errors while draining belong to the damaged sequence and were
   * reported already; the key frame starts clean either way.
   */
  private int restart(FrameSink sink) throws DecodeException {
    try {
      return flush(sink);
    } catch (CorruptPacketException alreadyReported) {
      return 0;
    }
  }

  private void reopen() throws UnsupportedStreamException, DecoderFailedException {
    avcodec_free_context(codec);
    codec = null;
    codec = openContext(config, options);
    damaged = false;
  }

  /** Receives and delivers pictures until the codec needs input or has ended. */
  private int drain(FrameSink sink) throws DecodeException {
    int delivered = 0;
    while (true) {
      int ret = avcodec_receive_frame(codec, frame);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return delivered;
      }
      if (ret < 0) {
        throw failure(ret, "receiving a picture");
      }
      try {
        deliver(sink);
        delivered++;
      } finally {
        av_frame_unref(frame);
      }
    }
  }

  private void deliver(FrameSink sink) throws UnsupportedStreamException {
    int width = frame.width();
    int height = frame.height();
    if (width < 1 || height < 1 || width > DEFAULT_MAX_DIMENSION || height > DEFAULT_MAX_DIMENSION) {
      throw new UnsupportedStreamException("picture of " + width + "x" + height
          + " is outside 1.." + DEFAULT_MAX_DIMENSION + " per side");
    }
    if (!BgrConverter.canConvert(frame.format())) {
      throw new UnsupportedStreamException("pixel format " + frame.format() + " cannot become BGR");
    }
    long pts = frame.pts() != AV_NOPTS_VALUE ? frame.pts() : frame.best_effort_timestamp();
    boolean key = (frame.flags() & FRAME_FLAG_KEY) != 0;
    picture.deliver(width, height, pts, key, sink);
  }

  private DecodeException failure(int ret, String doing) {
    damaged = true;
    String message = "FFmpeg failed " + doing + ": " + errorText(ret);
    if (ret == AVERROR_ENOMEM()) {
      return new DecoderFailedException(message);
    }
    if (ret == AVERROR_PATCHWELCOME) {
      return new UnsupportedStreamException(message);
    }
    return new CorruptPacketException(message);
  }

  static String errorText(int ret) {
    byte[] text = new byte[128];
    if (av_strerror(ret, text, text.length) < 0) {
      return "error " + ret;
    }
    int end = 0;
    while (end < text.length && text[end] != 0) {
      end++;
    }
    return new String(text, 0, end, StandardCharsets.US_ASCII) + " (" + ret + ")";
  }

  private static int codecId(VideoCodec codec) {
    return switch (codec) {
      case H264 -> AV_CODEC_ID_H264;
      case H265 -> AV_CODEC_ID_H265;
    };
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("decoder is closed");
    }
    if (codec == null) {
      throw new IllegalStateException("decoder could not be reopened after damage; close it");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!isNull(codec)) {
      avcodec_free_context(codec);
    }
    if (!isNull(packet)) {
      av_packet_free(packet);
    }
    if (!isNull(frame)) {
      av_frame_free(frame);
    }
    converter.close();
    bgr.close();
  }

  private static boolean isNull(Pointer pointer) {
    return pointer == null || pointer.isNull();
  }
}
