package dev.argus.app.faces;

import dev.argus.faces.batch.TimeWindow;
import dev.argus.faces.stream.FrameSampler;
import dev.argus.parser.decode.DecodedFrame;
import dev.argus.parser.decode.FfmpegFrameDecoder;
import dev.argus.parser.decode.VideoTrackDecoder;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;

/**
 * The decoded frames of a stream's stored fragments in a time window, read over the wire:
 * ListFragments (every page) picks the fragments, then GetMediaForFragmentList fetches them one
 * at a time, and our parser and the FFmpeg decoder turn each into pictures.
 *
 * <p>A frame's time is its fragment's timestamp (producer or server, as chosen) plus the frame's
 * offset from the fragment's first frame, which is how Rekognition Video's records place a frame
 * (ProducerTimestamp + FrameOffsetInSeconds). Fragments starting up to {@link #DEFAULT_LOOKBACK}
 * before the window are listed too, so the one that spans its start is read.
 *
 * <p>Bounds: at most {@link #DEFAULT_MAX_FRAGMENTS} fragments per analysis (a longer window is
 * refused, naming the limit); one fragment in flight, streamed through the parser in
 * {@link #READ_BYTES} reads; at most {@link #DEFAULT_MAX_PENDING} frame times held while the
 * decoder holds pictures back.
 *
 * <p>Not thread-safe: one per analysis.
 */
final class StoredFrames {

  static final Duration DEFAULT_LOOKBACK = Duration.ofSeconds(20);
  static final int DEFAULT_MAX_FRAGMENTS = 100_000;
  static final int READ_BYTES = 64 * 1024;
  static final int DEFAULT_MAX_PENDING = 256;

  /** One stored fragment as ListFragments describes it. */
  record Listed(String number, Instant start, Duration length) {
  }

  /** Receives sampled frames; the picture is valid only during the call. */
  @FunctionalInterface
  interface Sink {
    void frame(Instant time, Mat bgr);
  }

  private final KinesisVideoArchivedMediaClient archive;
  private final String stream;
  private final FragmentSelectorType timestamps;
  private final TimeWindow window;

  StoredFrames(KinesisVideoArchivedMediaClient archive, String stream, FragmentSelectorType timestamps,
               TimeWindow window) {
    this.archive = archive;
    this.stream = stream;
    this.timestamps = timestamps;
    this.window = window;
  }

  /** The fragments with frames in the window, in time order. */
  List<Listed> list() {
    List<Listed> listed = new ArrayList<>();
    archive.listFragmentsPaginator(r -> r.streamName(stream).fragmentSelector(s -> s.fragmentSelectorType(timestamps)
        .timestampRange(t -> t.startTimestamp(window.from().minus(DEFAULT_LOOKBACK)).endTimestamp(window.to()))))
        .fragments().forEach(f -> {
          Instant start = timestamps == FragmentSelectorType.SERVER_TIMESTAMP ? f.serverTimestamp()
              : f.producerTimestamp();
          Duration length = Duration.ofMillis(f.fragmentLengthInMilliseconds() == null ? 0
              : f.fragmentLengthInMilliseconds());
          if (window.overlaps(start, length)) {
            if (listed.size() == DEFAULT_MAX_FRAGMENTS) {
              throw new IllegalArgumentException("more than " + DEFAULT_MAX_FRAGMENTS
                  + " fragments in the window: analyse a shorter one");
            }
            listed.add(new Listed(f.fragmentNumber(), start, length));
          }
        });
    listed.sort(Comparator.comparing(Listed::start).thenComparing(Listed::number));
    return listed;
  }

  /** Fetches, parses and decodes one fragment; hands {@code sink} the frames in the window that {@code sampler} takes. */
  void read(Listed fragment, FrameSampler sampler, Sink sink) throws IOException {
    Map<Long, Instant> pending = new HashMap<>();
    long[] firstFrameMillis = {Long.MIN_VALUE};
    try (VideoTrackDecoder video = new VideoTrackDecoder(FfmpegFrameDecoder::open,
        picture -> picture(picture, pending, sampler, sink));
         InputStream in = archive.getMediaForFragmentList(r -> r.streamName(stream).fragments(fragment.number()),
             ResponseTransformer.toInputStream())) {
      MkvParser parser = new MkvParser(event -> {
        if (event instanceof Frame frame && video.trackNumber().map(n -> n == frame.trackNumber()).orElse(true)) {
          if (firstFrameMillis[0] == Long.MIN_VALUE) {
            firstFrameMillis[0] = frame.timestampMillis();
          }
          if (pending.size() < DEFAULT_MAX_PENDING) {
            pending.put(frame.timestampMillis(), fragment.start().plusMillis(frame.timestampMillis() - firstFrameMillis[0]));
          }
        }
        video.onEvent(event);
      });
      byte[] buffer = new byte[READ_BYTES];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        parser.feed(ByteBuffer.wrap(buffer, 0, n));
      }
      parser.finish();
      if (video.failure().isPresent()) {
        throw new IOException("cannot decode fragment " + fragment.number() + ": " + video.failure().get().getMessage());
      }
    }
  }

  private void picture(DecodedFrame picture, Map<Long, Instant> pending, FrameSampler sampler, Sink sink) {
    Instant time = pending.remove(picture.ptsMs());
    if (time != null && window.contains(time) && sampler.take(time.toEpochMilli())) {
      sink.frame(time, picture.mat());
    }
  }
}
