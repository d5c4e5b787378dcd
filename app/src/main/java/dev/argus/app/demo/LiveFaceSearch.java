package dev.argus.app.demo;

import dev.argus.faces.collection.FaceCollection;
import dev.argus.faces.stream.FaceSearchRecord;
import dev.argus.faces.stream.FaceSearchRecords;
import dev.argus.faces.stream.FrameAnalyzer;
import dev.argus.faces.stream.FrameContext;
import dev.argus.faces.stream.FrameSampler;
import dev.argus.parser.decode.DecodedFrame;
import dev.argus.parser.decode.FfmpegFrameDecoder;
import dev.argus.parser.decode.VideoTrackDecoder;
import dev.argus.parser.kvs.FragmentListener;
import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.kvs.FragmentVisitor;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.model.GetMediaResponse;
import software.amazon.awssdk.services.kinesisvideomedia.model.StartSelectorType;

/**
 * The demo's analysis stage, what a Rekognition face-search stream processor does, built from
 * public pieces in process: GetMedia from the stream's earliest fragment (tailing it live), our
 * MKV parser and its fragment visitor, the FFmpeg decoder, a {@link FrameSampler}, face-detect's
 * {@link FrameAnalyzer}, and one PutRecord per analysed frame with a face into the data stream
 * (partition key: the video stream's name), in Rekognition Video's JSON.
 *
 * <p>Everything runs on one thread of its own, started by {@link #start()}. {@link #stop()}
 * aborts the GetMedia response, flushes the decoder (its last pictures are analysed too) and
 * joins the thread. Counters are readable from any thread.
 *
 * <p>Thread-safe for {@code start}, {@code stop} and the counters; not restartable.
 */
final class LiveFaceSearch {

  private static final Logger log = LoggerFactory.getLogger(LiveFaceSearch.class);
  static final int READ_BYTES = 64 * 1024;
  /** Frame origins kept while the decoder holds pictures back (reordering, frame threads). */
  static final int DEFAULT_MAX_PENDING = 256;

  /** Where the video, the collection and the records are. */
  record Wiring(KinesisVideoMediaClient media, KinesisClient kinesis, FrameAnalyzer analyzer,
                FaceCollection collection, String videoStream, String videoStreamArn, String dataStream,
                float threshold, double framesPerSecond) {
    Wiring {
      Objects.requireNonNull(media, "media");
      Objects.requireNonNull(kinesis, "kinesis");
      Objects.requireNonNull(analyzer, "analyzer");
      Objects.requireNonNull(collection, "collection");
      Objects.requireNonNull(videoStream, "videoStream");
      Objects.requireNonNull(videoStreamArn, "videoStreamArn");
      Objects.requireNonNull(dataStream, "dataStream");
    }
  }

  private record Origin(FragmentMetadata fragment, double offsetSeconds) {
  }

  private final Wiring wiring;
  private final FrameSampler sampler;
  private final Thread thread;
  private final AtomicLong framesParsed = new AtomicLong();
  private final AtomicLong framesAnalysed = new AtomicLong();
  private final AtomicLong facesDetected = new AtomicLong();
  private final AtomicLong recordsPut = new AtomicLong();
  /** Producer timestamp (epoch ms) of the first fragment read: time 0 of the video. */
  private final AtomicLong originMillis = new AtomicLong(Long.MIN_VALUE);
  private volatile ResponseInputStream<GetMediaResponse> response;
  private volatile boolean stopping;
  private volatile Exception failure;

  // Touched only by the analysis thread.
  private final TreeMap<Long, Origin> pending = new TreeMap<>();
  private String fragmentNumber;
  private long fragmentStartMillis;

  LiveFaceSearch(Wiring wiring) {
    this.wiring = wiring;
    this.sampler = FrameSampler.perSecond(wiring.framesPerSecond());
    this.thread = new Thread(this::run, "argus-demo-analysis");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Stops tailing, analyses what the decoder still holds, and waits for the thread. */
  void stop() throws InterruptedException {
    stopping = true;
    ResponseInputStream<GetMediaResponse> r = response;
    if (r != null) {
      r.abort();
    }
    thread.join();
  }

  long framesParsed() {
    return framesParsed.get();
  }

  long framesAnalysed() {
    return framesAnalysed.get();
  }

  long facesDetected() {
    return facesDetected.get();
  }

  long recordsPut() {
    return recordsPut.get();
  }

  /** The producer timestamp (epoch ms) of the first fragment, once one was read. */
  Optional<Long> originMillis() {
    long origin = originMillis.get();
    return origin == Long.MIN_VALUE ? Optional.empty() : Optional.of(origin);
  }

  Optional<Exception> failure() {
    return Optional.ofNullable(failure);
  }

  private void run() {
    try (VideoTrackDecoder video = new VideoTrackDecoder(FfmpegFrameDecoder::open, this::picture)) {
      FragmentVisitor fragments = new FragmentVisitor((FragmentListener) this::frame);
      MkvParser parser = new MkvParser(event -> {
        fragments.onEvent(event);
        video.onEvent(event);
      });
      response = wiring.media().getMedia(r -> r.streamName(wiring.videoStream())
          .startSelector(s -> s.startSelectorType(StartSelectorType.EARLIEST)), ResponseTransformer.toInputStream());
      if (stopping) {
        response.abort();
      }
      byte[] buffer = new byte[READ_BYTES];
      try {
        int n;
        while ((n = response.read(buffer)) >= 0) {
          parser.feed(ByteBuffer.wrap(buffer, 0, n));
        }
      } catch (IOException e) {
        if (!stopping) {
          throw e;
        }
      }
      parser.finish();
    } catch (Exception e) {
      if (!stopping) {
        failure = e;
        log.warn("analysis stopped: {}", e.toString());
      }
    }
  }

  private void frame(Frame frame, FragmentMetadata fragment) {
    framesParsed.incrementAndGet();
    String number = fragment.fragmentNumber().orElse("");
    if (!number.equals(fragmentNumber)) {
      fragmentNumber = number;
      fragmentStartMillis = frame.timestampMillis();
      fragment.producerTimestamp().ifPresent(p -> originMillis.compareAndSet(Long.MIN_VALUE, p.toEpochMilli()));
    }
    if (pending.size() >= DEFAULT_MAX_PENDING) {
      pending.pollFirstEntry();
    }
    pending.put(frame.timestampMillis(), new Origin(fragment, (frame.timestampMillis() - fragmentStartMillis) / 1000.0));
  }

  private void picture(DecodedFrame picture) {
    Origin origin = pending.remove(picture.ptsMs());
    if (origin == null) {
      return;
    }
    FragmentMetadata fragment = origin.fragment();
    long producerMillis = fragment.producerTimestamp().map(t -> t.toEpochMilli()).orElse(0L);
    if (!sampler.take(producerMillis + Math.round(origin.offsetSeconds() * 1000))) {
      return;
    }
    FrameContext context = new FrameContext(wiring.videoStreamArn(), fragment.fragmentNumber().orElse(""),
        fragment.serverTimestamp().map(t -> t.toEpochMilli()).orElse(0L), producerMillis, origin.offsetSeconds());
    framesAnalysed.incrementAndGet();
    Optional<FaceSearchRecord> record = wiring.analyzer().analyze(picture.mat(), context, wiring.collection(),
        wiring.threshold(), "RUNNING");
    if (record.isPresent()) {
      facesDetected.addAndGet(record.get().faceSearchResponse().size());
      wiring.kinesis().putRecord(r -> r.streamName(wiring.dataStream()).partitionKey(wiring.videoStream())
          .data(SdkBytes.fromByteArrayUnsafe(FaceSearchRecords.toJson(record.get()))));
      recordsPut.incrementAndGet();
    }
  }
}
