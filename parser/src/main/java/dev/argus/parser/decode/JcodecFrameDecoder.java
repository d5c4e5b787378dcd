package dev.argus.parser.decode;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.Frame;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.mp4.AvcCBox;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.Transform;
import org.jcodec.scale.Yuv420jToRgb;
import org.jcodec.scale.Yuv420pToRgb;

/**
 * Decodes H.264 in pure Java with jcodec: the fallback where FFmpeg's natives are unwanted or
 * unavailable. It needs no native library unless the caller asks a picture for a {@code Mat}.
 *
 * <p>jcodec decodes progressive H.264 (Baseline, Main and High with CAVLC or CABAC, 4:2:0, 8 bit)
 * and returns each picture as its packet is decoded: pictures come out in decode order with
 * their own packet's {@code ptsMs}, which is presentation order for streams without B-frames
 * (what KVS producers send). {@link #flush} has nothing to deliver and only resets the
 * reference state. Each key frame (which must be an IDR picture) starts a fresh jcodec decoder
 * primed with the CodecPrivate's parameter sets, so damage never outlives its group of pictures.
 * Picture planes are sized once from the CodecPrivate's SPS (or the configured size for Annex-B
 * streams); a stream that later grows beyond them is reported as corrupt packets. Colour conversion follows the SPS's {@code video_full_range_flag} (BT.601
 * matrix, as jcodec offers no other); anything jcodec throws on a packet becomes a
 * {@link CorruptPacketException}.
 *
 * <p>Not thread-safe (see {@link FrameDecoder}). jcodec 0.2.5 starts a pool of daemon threads in
 * every H264Decoder and never stops it; {@link #close} stops it.
 */
public final class JcodecFrameDecoder implements FrameDecoder {

  private final DecoderConfig config;
  private final int maxPacketBytes;
  /** The AVCC record when packets are length-prefixed; null for Annex-B packets. */
  private final AvcCBox avcc;
  private final boolean fullRange;
  private H264Decoder decoder;
  /** Whether {@link #decoder} has been fed a packet since it was made. */
  private boolean used;
  /** Luma and chroma planes jcodec decodes into, sized for the coded (macroblock) picture. */
  private byte[][] planes;
  /** Copy of the packet being decoded: jcodec unescapes NAL units in place. */
  private byte[] scratch = new byte[0];
  /** The picture jcodec returned last (it shares {@link #planes}). */
  private Picture current;
  private Picture rgb;
  private Transform toRgb;
  private byte[] row = new byte[0];
  private final BgrBuffer bgr = new BgrBuffer();
  private final DecodedFrame picture = new DecodedFrame(bgr, this::convert);
  private boolean closed;

  private JcodecFrameDecoder(DecoderConfig config, int maxPacketBytes, AvcCBox avcc,
      SeqParameterSet sps) {
    this.config = config;
    this.maxPacketBytes = maxPacketBytes;
    this.avcc = avcc;
    this.fullRange = sps != null && sps.vuiParams != null && sps.vuiParams.videoFullRangeFlag;
    int mbWidth = sps != null ? sps.picWidthInMbsMinus1 + 1 : (config.width() + 15) / 16;
    int mbHeight = sps != null ? SeqParameterSet.getPicHeightInMbs(sps) : (config.height() + 15) / 16;
    this.planes = Picture.create(mbWidth * 16, mbHeight * 16, ColorSpace.YUV420J).getData();
    this.decoder = newDecoder();
  }

  /** Opens a decoder with the default packet limit. */
  public static JcodecFrameDecoder open(DecoderConfig config) throws UnsupportedStreamException {
    return open(config, DEFAULT_MAX_PACKET_BYTES);
  }

  /**
   * Opens a decoder for an H.264 track.
   *
   * @param maxPacketBytes largest packet accepted, 1 to {@link #DEFAULT_MAX_PACKET_BYTES}
   * @throws UnsupportedStreamException the codec is not H.264, the CodecPrivate is not a valid
   *     AVCC record, or its SPS declares a picture beyond {@link #DEFAULT_MAX_DIMENSION}
   */
  public static JcodecFrameDecoder open(DecoderConfig config, int maxPacketBytes)
      throws UnsupportedStreamException {
    if (maxPacketBytes < 1 || maxPacketBytes > DEFAULT_MAX_PACKET_BYTES) {
      throw new IllegalArgumentException(
          "maxPacketBytes must be 1.." + DEFAULT_MAX_PACKET_BYTES + ", was " + maxPacketBytes);
    }
    if (config.codec() != VideoCodec.H264) {
      throw new UnsupportedStreamException("jcodec decodes H.264 only, not " + config.codec());
    }
    if (!config.codecPrivate().hasRemaining()) {
      return new JcodecFrameDecoder(config, maxPacketBytes, null, null);
    }
    AvcCBox avcc;
    SeqParameterSet sps;
    try {
      avcc = AvcCBox.parseAvcCBox(config.codecPrivate());
      if (avcc.getSpsList().isEmpty() || avcc.getPpsList().isEmpty()) {
        throw new UnsupportedStreamException("AVCC record has no SPS or no PPS");
      }
      sps = SeqParameterSet.read(avcc.getSpsList().get(0).duplicate());
    } catch (RuntimeException e) {
      throw new UnsupportedStreamException("CodecPrivate is not a valid AVCC record", e);
    }
    long width = (sps.picWidthInMbsMinus1 + 1L) * 16;
    long height = SeqParameterSet.getPicHeightInMbs(sps) * 16L;
    if (width < 1 || height < 1 || width > DEFAULT_MAX_DIMENSION + 15
        || height > DEFAULT_MAX_DIMENSION + 15) {
      throw new UnsupportedStreamException("SPS declares a " + width + "x" + height + " picture");
    }
    return new JcodecFrameDecoder(config, maxPacketBytes, avcc, sps);
  }

  private H264Decoder newDecoder() {
    H264Decoder created = new H264Decoder();
    if (avcc != null) {
      created.addSps(avcc.getSpsList());
      created.addPps(avcc.getPpsList());
    }
    return created;
  }

  @Override
  public DecoderConfig config() {
    return config;
  }

  @Override
  public int decode(ByteBuffer data, long ptsMs, boolean keyFrame, FrameSink sink)
      throws DecodeException {
    checkOpen();
    int size = Packets.checkedSize(data, maxPacketBytes);
    if (scratch.length < size) {
      scratch = new byte[size];
    }
    data.duplicate().get(scratch, 0, size);
    if (keyFrame && used) {
      // jcodec keeps whatever parameter sets and references it was fed, garbage included, and
      // some of it survives an IDR picture: every key frame starts from a fresh decoder.
      resetDecoder();
    }
    used = true;
    Frame decoded = decodeScratch(size);
    if (decoded == null) {
      return 0;
    }
    current = decoded;
    int width = decoded.getCroppedWidth();
    int height = decoded.getCroppedHeight();
    if (width < 1 || height < 1 || width > DEFAULT_MAX_DIMENSION || height > DEFAULT_MAX_DIMENSION) {
      throw new UnsupportedStreamException("picture of " + width + "x" + height + " is out of range");
    }
    picture.deliver(width, height, ptsMs, keyFrame, sink);
    return 1;
  }

  private Frame decodeScratch(int size) throws CorruptPacketException {
    ByteBuffer input = ByteBuffer.wrap(scratch, 0, size);
    try {
      if (avcc == null) {
        return decoder.decodeFrame(input, planes);
      }
      List<ByteBuffer> nals = H264Utils.splitMOVPacket(input, avcc);
      return decoder.decodeFrameFromNals(nals, planes);
    } catch (RuntimeException e) {
      // jcodec signals bad bitstreams with whatever the failing read throws (index, argument,
      // state errors); its reference lists may now be inconsistent, so start over clean.
      resetDecoder();
      throw new CorruptPacketException("jcodec could not decode the packet: " + e, e);
    }
  }

  /** Writes the current picture's cropped area as BGR24, converting with jcodec's BT.601. */
  private void convert(BgrBuffer target) {
    Picture source = current;
    if (rgb == null || rgb.getWidth() != source.getWidth() || rgb.getHeight() != source.getHeight()) {
      rgb = Picture.create(source.getWidth(), source.getHeight(), ColorSpace.RGB);
    }
    if (toRgb == null) {
      toRgb = fullRange ? new Yuv420jToRgb() : new Yuv420pToRgb();
    }
    toRgb.transform(source, rgb);
    int width = target.width();
    int stride = rgb.getWidth() * 3;
    int left = source.getCrop() == null ? 0 : source.getCrop().getX();
    int top = source.getCrop() == null ? 0 : source.getCrop().getY();
    if (row.length < width * 3) {
      row = new byte[width * 3];
    }
    byte[] packed = rgb.getPlaneData(0);
    ByteBuffer out = target.writable();
    for (int y = 0; y < target.height(); y++) {
      int from = (top + y) * stride + left * 3;
      for (int x = 0; x < width * 3; x += 3) {
        // jcodec stores samples as value - 128 in signed bytes, in R, G, B order.
        row[x] = (byte) (packed[from + x + 2] + 128);
        row[x + 1] = (byte) (packed[from + x + 1] + 128);
        row[x + 2] = (byte) (packed[from + x] + 128);
      }
      out.put(row, 0, width * 3);
    }
  }

  @Override
  public int flush(FrameSink sink) {
    checkOpen();
    resetDecoder();
    return 0;
  }

  private void resetDecoder() {
    stopThreads(decoder);
    decoder = newDecoder();
    used = false;
    current = null;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("decoder is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopThreads(decoder);
    decoder = null;
    planes = null;
    current = null;
    rgb = null;
    bgr.close();
  }

  /**
   * Stops the thread pool jcodec 0.2.5's H264Decoder starts in its constructor (field {@code tp})
   * and never shuts down. Without this, every decoder leaves one idle thread per core behind.
   */
  static void stopThreads(H264Decoder decoder) {
    try {
      Field pool = H264Decoder.class.getDeclaredField("tp");
      pool.setAccessible(true);
      Object executor = pool.get(decoder);
      if (executor instanceof ExecutorService service) {
        service.shutdown();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Another jcodec version: nothing to stop, or nothing we can reach.
    }
  }
}
