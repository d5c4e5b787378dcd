package dev.argus.producer.source;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import dev.argus.producer.fragment.Packet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source whose frames are decoded (or raw, like V4L2 YUYV and lavfi) and encoded to H.264 with
 * {@link H264Encoder}, a key frame wherever {@link #keyFramesWhen} asks (the fragmenter's boundary)
 * and at least every {@link SourceOptions#keyFrameInterval()}.
 *
 * <p>Timestamps as for {@link PassthroughSource}: the wall clock at the first frame plus the source's
 * clock. A live source is reopened when it fails or ends. Not thread-safe, except {@link #close()}.
 */
final class EncodingSource implements MediaSource {

  private static final Logger LOG = LoggerFactory.getLogger(EncodingSource.class);

  private final SourceSpec spec;
  private final SourceOptions options;
  private final String what;
  private final ArrayDeque<Packet> out = new ArrayDeque<>();
  private FFmpegFrameGrabber grabber;
  private H264Encoder encoder;
  private LongPredicate wantsKey = pts -> false;
  private long anchorMicros = Long.MIN_VALUE;
  private long lastMicros = Long.MIN_VALUE;
  private boolean ended;
  private volatile boolean closed;
  /** Guards the grabber and encoder: a read and {@link #close()} never overlap. */
  private final Object lock = new Object();
  private final Reopener reopener;

  private EncodingSource(SourceSpec spec, SourceOptions options, String what) {
    this.spec = spec;
    this.options = options;
    this.what = what;
    this.reopener = new Reopener(lock, () -> closed, options.reconnectDelay(), what);
  }

  static MediaSource open(SourceSpec spec, SourceOptions options, String what) throws IOException {
    EncodingSource source = new EncodingSource(spec, options, what);
    source.openGrabber();
    double rate = source.grabber.getVideoFrameRate();
    int fps = rate > 0 && rate < 1000 ? (int) Math.round(rate) : 30;
    int gop = (int) Math.max(1, fps * options.keyFrameInterval().toMillis() / 1000);
    try {
      source.encoder = new H264Encoder(source.grabber.getImageWidth(), source.grabber.getImageHeight(), fps,
          options.bitrate(), gop);
    } catch (SourceException e) {
      source.close();
      throw e;
    }
    return source;
  }

  private void openGrabber() throws SourceException {
    grabber = Grabbers.create(spec, options);
    grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
    Grabbers.start(grabber, what);
    Grabbers.videoStream(grabber, what);
    anchorMicros = Long.MIN_VALUE;
  }

  @Override
  public VideoTrack track() {
    return encoder.track();
  }

  @Override
  public boolean encodes() {
    return true;
  }

  @Override
  public void keyFramesWhen(LongPredicate wanted) {
    this.wantsKey = wanted;
  }

  @Override
  public Optional<Packet> next() throws IOException {
    while (out.isEmpty() && !closed && !ended) {
      boolean reopen = false;
      synchronized (lock) {
        if (closed) {
          break;
        }
        Frame image = grabImage();
        if (image == null && spec.live()) {
          reopen = true;
        } else if (image == null) {
          ended = true;
          out.addAll(encoder.flush());
        } else {
          encodeFrame(image);
        }
      }
      if (reopen) {
        reopener.reopen(() -> Grabbers.closeQuietly(grabber), this::openGrabber);
      }
    }
    return Optional.ofNullable(out.poll());
  }

  private void encodeFrame(Frame image) throws SourceException {
    if (anchorMicros == Long.MIN_VALUE) {
      anchorMicros = options.clock().millis() * 1000L - image.timestamp;
    }
    long micros = anchorMicros + image.timestamp;
    if (micros <= lastMicros) {
      micros = lastMicros + 1; // a repeated source timestamp; the encoder needs distinct ones
    }
    lastMicros = micros;
    ByteBuffer plane = (ByteBuffer) image.image[0];
    out.addAll(encoder.encode(new BytePointer(plane), image.imageStride, micros, wantsKey.test(micros)));
  }

  private Frame grabImage() throws SourceException {
    try {
      return grabber.grabImage();
    } catch (FrameGrabber.Exception e) {
      if (!spec.live() || closed) {
        throw new SourceException(what + ": " + e.getMessage(), e);
      }
      LOG.warn("{}: {}; reopening", what, e.getMessage());
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      if (grabber != null) {
        Grabbers.closeQuietly(grabber);
      }
      if (encoder != null) {
        encoder.close();
        encoder = null;
      }
    }
  }
}
