package dev.argus.parser.decode;

import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvVisitor;
import dev.argus.parser.mkv.TrackInfo;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Decodes the video track of a Matroska stream as {@link dev.argus.parser.mkv.MkvParser} reports
 * it: the glue between our parser and a {@link FrameDecoder}.
 *
 * <p>It decodes the first video track whose CodecID names a {@link VideoCodec}, opening a decoder
 * from its TrackEntry (CodecPrivate, PixelWidth, PixelHeight) through the given
 * {@link Opener}. A later Segment whose Tracks describe the same track unchanged (every GetMedia
 * segment repeats them) keeps the decoder; a change (new CodecPrivate or size) flushes it and
 * opens another. Frames of that track go to the decoder with {@link Frame#timestampMillis()} as
 * their {@code ptsMs}; pictures go to the sink. {@link MkvEvent.EndOfStream} flushes.
 *
 * <p>A corrupt or oversized packet is counted in {@link #skippedPackets()} and skipped; the
 * decoder recovers at the next key frame. An unsupported track or a failed decoder stops
 * decoding: {@link #failure()} says why, and later frames are ignored. Nothing is thrown into the
 * parser except what the sink throws.
 *
 * <p>Not thread-safe: it runs on the thread that feeds the parser. {@link #close} releases the
 * decoder.
 */
public final class VideoTrackDecoder implements MkvVisitor, AutoCloseable {

  /** Opens a decoder for a track; e.g. {@code FfmpegFrameDecoder::open}. */
  @FunctionalInterface
  public interface Opener {
    FrameDecoder open(DecoderConfig config) throws DecodeException;
  }

  private final Opener opener;
  private final FrameSink sink;
  /** The decoded track's number, or 0 before a decodable track was seen. */
  private long trackNumber;
  private FrameDecoder decoder;
  private DecodeException failure;
  private long packets;
  private long pictures;
  private long skippedPackets;

  public VideoTrackDecoder(Opener opener, FrameSink sink) {
    this.opener = opener;
    this.sink = sink;
  }

  @Override
  public void tracks(MkvEvent.Tracks event) {
    if (failure != null) {
      return;
    }
    for (TrackInfo track : event.tracks()) {
      Optional<DecoderConfig> config = configOf(track);
      if (config.isPresent()) {
        use(track.number(), config.get());
        return;
      }
    }
  }

  /** The decoder configuration a TrackEntry describes, when it is a video track we can decode. */
  static Optional<DecoderConfig> configOf(TrackInfo track) {
    if (!track.isVideo() || track.pixelWidth() < 1 || track.pixelHeight() < 1
        || track.pixelWidth() > FrameDecoder.DEFAULT_MAX_DIMENSION
        || track.pixelHeight() > FrameDecoder.DEFAULT_MAX_DIMENSION) {
      return Optional.empty();
    }
    return VideoCodec.fromMatroskaCodecId(track.codecId()).map(codec -> new DecoderConfig(codec,
        ByteBuffer.wrap(track.codecPrivate()), track.pixelWidth(), track.pixelHeight()));
  }

  private void use(long number, DecoderConfig config) {
    if (decoder != null && decoder.config().equals(config)) {
      trackNumber = number;
      return;
    }
    try {
      if (decoder != null) {
        pictures += decoder.flush(sink);
        decoder.close();
        decoder = null;
      }
      decoder = opener.open(config);
      trackNumber = number;
    } catch (DecodeException e) {
      fail(e);
    }
  }

  @Override
  public void frame(Frame frame) {
    if (decoder == null || frame.trackNumber() != trackNumber) {
      return;
    }
    packets++;
    try {
      pictures += decoder.decode(frame.data(), frame.timestampMillis(), frame.keyFrame(), sink);
    } catch (CorruptPacketException | OversizedPacketException e) {
      skippedPackets++;
    } catch (DecodeException e) {
      fail(e);
    }
  }

  @Override
  public void endOfStream(MkvEvent.EndOfStream event) {
    if (decoder == null) {
      return;
    }
    try {
      pictures += decoder.flush(sink);
    } catch (CorruptPacketException e) {
      skippedPackets++;
    } catch (DecodeException e) {
      fail(e);
    }
  }

  private void fail(DecodeException e) {
    failure = e;
    if (decoder != null) {
      decoder.close();
      decoder = null;
    }
  }

  /** Packets of the decoded track handed to the decoder. */
  public long packets() {
    return packets;
  }

  /** Pictures delivered to the sink. */
  public long pictures() {
    return pictures;
  }

  /** Packets skipped as corrupt or oversized (including errors reported while flushing). */
  public long skippedPackets() {
    return skippedPackets;
  }

  /** Why decoding stopped early (unsupported track, failed decoder), if it did. */
  public Optional<DecodeException> failure() {
    return Optional.ofNullable(failure);
  }

  /** The number of the track being decoded, if a decodable video track was seen. */
  public Optional<Long> trackNumber() {
    return trackNumber == 0 ? Optional.empty() : Optional.of(trackNumber);
  }

  @Override
  public void close() {
    if (decoder != null) {
      decoder.close();
      decoder = null;
    }
  }
}
