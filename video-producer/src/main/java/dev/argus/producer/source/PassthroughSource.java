package dev.argus.producer.source;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import dev.argus.producer.fragment.Packet;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H.264/H.265 packets copied from the source without decoding. MKV/MP4 sources already carry AVCC
 * samples and an AVCDecoderConfigurationRecord; Annex B sources (RTSP, MPEG-TS, raw streams) are
 * converted with {@link AvcFormat}, the CodecPrivate built from the SPS/PPS in the extradata or, when
 * there is none, in the first key frame (read ahead, at most {@link #MAX_READ_AHEAD} packets).
 *
 * <p>Timestamps: producer time = the wall clock when the first packet was read, plus the source's
 * presentation clock since that packet. A live source that fails or ends is reopened after
 * {@link SourceOptions#reconnectDelay()} until closed; its clock is re-anchored to the wall clock
 * and packets are skipped until the next key frame.
 *
 * <p>Not thread-safe, except {@link #close()}, which may be called from another thread to stop.
 */
final class PassthroughSource implements MediaSource {

  /** Packets read while looking for in-band parameter sets before giving up. */
  static final int MAX_READ_AHEAD = 600;

  private static final Logger LOG = LoggerFactory.getLogger(PassthroughSource.class);

  private final SourceSpec spec;
  private final SourceOptions options;
  private final String what;
  private final ArrayDeque<Packet> readAhead = new ArrayDeque<>();
  private FFmpegFrameGrabber grabber;
  private AVStream stream;
  private int streamIndex;
  private boolean annexB;
  private VideoTrack track;
  /** Producer epoch µs minus source µs; Long.MIN_VALUE until the first packet after (re)opening. */
  private long anchorMicros = Long.MIN_VALUE;
  private long lastDtsMicros;
  private long frameMicros;
  private boolean waitForKey;
  private volatile boolean closed;
  /** Guards the grabber: a read and {@link #close()} never overlap, and nothing reads after close. */
  private final Object lock = new Object();
  private final Reopener reopener;

  private PassthroughSource(SourceSpec spec, SourceOptions options, String what) {
    this.spec = spec;
    this.options = options;
    this.what = what;
    this.reopener = new Reopener(lock, () -> closed, options.reconnectDelay(), what);
  }

  /** Opens a passthrough source, or returns empty when the stream is not H.264/H.265 AVCC-able. */
  static Optional<MediaSource> open(SourceSpec spec, SourceOptions options, String what) throws IOException {
    PassthroughSource source = new PassthroughSource(spec, options, what);
    source.openGrabber();
    AVCodecParameters par = source.stream.codecpar();
    byte[] extradata = extradata(par);
    boolean h264 = par.codec_id() == AV_CODEC_ID_H264;
    boolean hevcConfigured = par.codec_id() == AV_CODEC_ID_HEVC && extradata.length > 0 && extradata[0] == 1;
    if (!h264 && !hevcConfigured) {
      source.close();
      return Optional.empty();
    }
    String codecId = h264 ? VideoTrack.H264 : VideoTrack.H265;
    byte[] codecPrivate;
    if (extradata.length > 0 && extradata[0] == 1) {
      codecPrivate = extradata;
    } else {
      source.annexB = true;
      codecPrivate = extradata.length > 0 ? AvcFormat.configurationFromAnnexB(extradata) : null;
      if (codecPrivate == null) {
        codecPrivate = source.readAheadForParameterSets();
      }
    }
    source.track = new VideoTrack(codecId, codecPrivate, par.width(), par.height());
    return Optional.of(source);
  }

  private void openGrabber() throws SourceException {
    grabber = Grabbers.create(spec, options);
    Grabbers.start(grabber, what);
    streamIndex = Grabbers.videoStream(grabber, what);
    stream = grabber.getFormatContext().streams(streamIndex);
    double fps = grabber.getVideoFrameRate();
    frameMicros = fps > 0 ? Math.round(1_000_000 / fps) : 33_333;
    anchorMicros = Long.MIN_VALUE;
  }

  private byte[] readAheadForParameterSets() throws IOException {
    for (int i = 0; i < MAX_READ_AHEAD; i++) {
      AVPacket packet = grab();
      if (packet == null) {
        break;
      }
      byte[] data = bytes(packet);
      byte[] config = (packet.flags() & AV_PKT_FLAG_KEY) != 0 ? AvcFormat.configurationFromAnnexB(data) : null;
      readAhead.add(convert(packet, data));
      if (config != null) {
        return config;
      }
    }
    throw new SourceException(what + ": no SPS/PPS found in the first " + MAX_READ_AHEAD + " packets");
  }

  @Override
  public VideoTrack track() {
    return track;
  }

  @Override
  public Optional<Packet> next() throws IOException {
    while (!closed) {
      if (!readAhead.isEmpty()) {
        return Optional.of(readAhead.poll());
      }
      AVPacket packet;
      try {
        packet = grab();
      } catch (SourceException e) {
        if (!spec.live() || closed) {
          throw e;
        }
        LOG.warn("{}: {}; reopening", what, e.getMessage());
        packet = null;
      }
      if (packet == null) {
        if (!spec.live()) {
          return Optional.empty();
        }
        if (reopener.reopen(() -> Grabbers.closeQuietly(grabber), this::openGrabber)) {
          waitForKey = true;
        }
        continue;
      }
      Packet converted = convert(packet, bytes(packet));
      if (waitForKey && !converted.key()) {
        continue;
      }
      waitForKey = false;
      return Optional.of(converted);
    }
    return Optional.empty();
  }

  /** The next packet of the video stream, or null at the end. */
  private AVPacket grab() throws SourceException {
    try {
      synchronized (lock) {
        while (!closed) {
          AVPacket packet = grabber.grabPacket();
          if (packet == null || packet.stream_index() == streamIndex) {
            return packet;
          }
        }
        return null;
      }
    } catch (FrameGrabber.Exception e) {
      throw new SourceException(what + ": " + e.getMessage(), e);
    }
  }

  private Packet convert(AVPacket packet, byte[] data) {
    long pts = packet.pts();
    long dts = packet.dts();
    long dtsMicros;
    long ptsMicros;
    if (pts == AV_NOPTS_VALUE && dts == AV_NOPTS_VALUE) {
      dtsMicros = anchorMicros == Long.MIN_VALUE ? 0 : lastDtsMicros + frameMicros;
      ptsMicros = dtsMicros;
    } else {
      ptsMicros = Grabbers.micros(stream, pts == AV_NOPTS_VALUE ? dts : pts);
      dtsMicros = Grabbers.micros(stream, dts == AV_NOPTS_VALUE ? pts : dts);
    }
    if (anchorMicros == Long.MIN_VALUE) {
      anchorMicros = options.clock().millis() * 1000L - Math.min(ptsMicros, dtsMicros);
    }
    lastDtsMicros = dtsMicros;
    byte[] sample = annexB && AvcFormat.isAnnexB(data) ? AvcFormat.annexBToAvcc(data) : data;
    boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
    return new Packet(1, anchorMicros + ptsMicros, anchorMicros + dtsMicros, key, sample);
  }

  private static byte[] bytes(AVPacket packet) {
    byte[] data = new byte[packet.size()];
    packet.data().get(data);
    return data;
  }

  private static byte[] extradata(AVCodecParameters par) {
    byte[] data = new byte[Math.max(0, par.extradata_size())];
    if (data.length > 0) {
      par.extradata().get(data);
    }
    return data;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    synchronized (lock) {
      if (grabber != null) {
        Grabbers.closeQuietly(grabber);
      }
    }
  }
}
