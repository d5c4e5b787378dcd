package dev.argus.faces.processor;

import dev.argus.faces.collection.FaceCollections;
import dev.argus.faces.stream.AnalysisPool;
import dev.argus.faces.stream.FaceSearchRecord;
import dev.argus.faces.stream.FaceSearchRecords;
import dev.argus.faces.stream.FrameAnalyzer;
import dev.argus.faces.stream.FrameContext;
import dev.argus.faces.stream.FrameSampler;
import dev.argus.faces.processor.VideoFragmentSource.VideoFragment;
import dev.argus.parser.decode.DecodedFrame;
import dev.argus.parser.decode.FfmpegFrameDecoder;
import dev.argus.parser.decode.VideoTrackDecoder;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.ParserLimits;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running stream processor, on its own thread: tails the video stream, parses each fragment
 * with our {@link MkvParser}, decodes its video track ({@link VideoTrackDecoder} over FFmpeg),
 * analyses the frames a {@link FrameSampler} picks with {@link FrameAnalyzer}, and puts one
 * {@link FaceSearchRecords} JSON record per analysed frame with a face into the data stream, with
 * the video stream's name as partition key.
 *
 * <p>Keeping up: every frame is decoded (H.264 needs its references) but only sampled frames are
 * analysed; a fragment stored more than {@code maxLagMillis} before it is read is skipped whole
 * (fragments start at key frames), so the processor never falls unboundedly behind. At the live
 * edge a fragment comes in parts as its frames arrive, so pictures are analysed without waiting
 * for the fragment to complete.
 * {@link #millisBehindNow()} is the lag of the last fragment read.
 *
 * <p>Memory: one fragment's bytes, one decoded picture, and the last {@value #RECENT_FRAGMENTS}
 * fragments' numbers and timestamps. Thread-safe: {@link #stop}, {@link #millisBehindNow} and the
 * counters may be called from any thread; the work runs on the worker's thread only.
 */
final class ProcessorWorker implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessorWorker.class);
  static final int RECENT_FRAGMENTS = 16;
  static final Duration POLL = Duration.ofMillis(200);

  /** How the worker reports its life to the registry. */
  interface Listener {
    void running(ProcessorWorker worker);

    void ended(ProcessorWorker worker, String failure);
  }

  /** A fragment fed to the parser, and the stream time of its first frame once seen. */
  private static final class Fed {
    final VideoFragment fragment;
    long firstFrameMillis = Long.MIN_VALUE;

    Fed(VideoFragment fragment) {
      this.fragment = fragment;
    }
  }

  private final ProcessorDefinition definition;
  private final VideoFragmentSource source;
  private final RecordSink sink;
  private final FaceCollections collections;
  private final FrameAnalyzer analyzer;
  private final Clock clock;
  private final long maxLagMillis;
  private final FrameSampler sampler;
  private final Listener listener;
  /** Where sampled frames are analysed: the shared pool, which drops frames rather than queue them. */
  private final AnalysisPool.Lane lane;
  private final Deque<Fed> recent = new ArrayDeque<>();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong analysed = new AtomicLong();
  private final AtomicLong skippedFragments = new AtomicLong();
  private volatile boolean stopping;
  private volatile long millisBehindNow;
  private String partitionKey;
  /** The last fragment read (its later live parts share the number), and whether it is skipped. */
  private String lastNumber;
  private boolean skipping;

  ProcessorWorker(ProcessorDefinition definition, VideoFragmentSource source, RecordSink sink,
                  FaceCollections collections, FrameAnalyzer analyzer, Clock clock, double framesPerSecond,
                  long maxLagMillis, Listener listener) {
    this.definition = definition;
    this.source = source;
    this.sink = sink;
    this.collections = collections;
    this.analyzer = analyzer;
    this.clock = clock;
    this.maxLagMillis = maxLagMillis;
    this.sampler = FrameSampler.perSecond(framesPerSecond);
    this.listener = listener;
    this.lane = analyzer.lane();
  }

  ProcessorDefinition definition() {
    return definition;
  }

  void stop() {
    stopping = true;
  }

  long millisBehindNow() {
    return millisBehindNow;
  }

  long records() {
    return records.get();
  }

  long analysedFrames() {
    return analysed.get();
  }

  long skippedFragments() {
    return skippedFragments.get();
  }

  @Override
  public void run() {
    String failure = null;
    try {
      partitionKey = source.streamName(definition.videoStreamArn());
      sink.requireStream(definition.dataStreamArn());
      collections.get(definition.collectionId());
      tail();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception | LinkageError e) {
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.warn("stream processor {} failed", definition.name(), e);
    } finally {
      lane.close();
    }
    listener.ended(this, failure);
  }

  private void tail() throws Exception {
    try (VideoFragmentSource.Tail tail = source.open(definition.videoStreamArn(), definition.start());
         VideoTrackDecoder decoder = new VideoTrackDecoder(FfmpegFrameDecoder::open, this::onPicture)) {
      listener.running(this);
      MkvParser parser = new MkvParser(event -> {
        if (event instanceof Frame frame && !recent.isEmpty() && recent.peekLast().firstFrameMillis == Long.MIN_VALUE) {
          recent.peekLast().firstFrameMillis = frame.timestampMillis();
        }
        decoder.onEvent(event);
      }, ParserLimits.DEFAULT, true);
      while (!stopping) {
        Optional<VideoFragment> next = tail.poll(POLL);
        if (next.isEmpty()) {
          if (tail.ended()) {
            throw new IllegalStateException("the video stream " + definition.videoStreamArn() + " was deleted");
          }
          continue;
        }
        VideoFragment fragment = next.get();
        if (!fragment.fragmentNumber().equals(lastNumber)) {
          lastNumber = fragment.fragmentNumber();
          long lag = Math.max(0, clock.millis() - fragment.serverMillis());
          millisBehindNow = lag;
          skipping = lag > maxLagMillis;
          if (skipping) {
            skippedFragments.incrementAndGet();
          } else {
            remember(fragment);
          }
        }
        if (skipping) { // the whole fragment, including its later live parts
          continue;
        }
        parser.feed(ByteBuffer.wrap(fragment.mkv()));
        if (decoder.failure().isPresent()) {
          throw decoder.failure().get();
        }
        if (lane.failure().isPresent()) {
          throw lane.failure().get();
        }
      }
    }
  }

  private void remember(VideoFragment fragment) {
    recent.addLast(new Fed(fragment));
    if (recent.size() > RECENT_FRAGMENTS) {
      recent.removeFirst();
    }
  }

  /** Called by the decoder on this thread for every picture. */
  private void onPicture(DecodedFrame picture) {
    if (stopping || !sampler.take(picture.ptsMs())) {
      return;
    }
    FrameContext context = context(picture.ptsMs());
    if (context == null) {
      return;
    }
    long due = context.serverTimestampMillis() + Math.round(context.frameOffsetSeconds() * 1000);
    lane.offer(picture.mat(), due, bgr -> analyse(bgr, context));
  }

  /** Runs on the lane (a pool thread): search the frame and put its record. */
  private void analyse(org.bytedeco.opencv.opencv_core.Mat bgr, FrameContext context) {
    if (stopping) {
      return;
    }
    analysed.incrementAndGet();
    Optional<FaceSearchRecord> record = analyzer.analyze(bgr, context,
        collections.get(definition.collectionId()), definition.threshold(), ProcessorStatus.RUNNING.name());
    if (record.isEmpty()) {
      return;
    }
    try {
      sink.put(definition.dataStreamArn(), partitionKey, FaceSearchRecords.toJson(record.get()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot put a record into " + definition.dataStreamArn() + ": " + e, e);
    }
    records.incrementAndGet();
  }

  /** The fragment holding a picture: the last fed one whose first frame is not after it. */
  private FrameContext context(long ptsMillis) {
    return contextFor(recent, definition.videoStreamArn(), ptsMillis);
  }

  static FrameContext contextFor(Deque<Fed> recent, String streamArn, long ptsMillis) {
    Fed holder = null;
    for (Fed fed : recent) {
      if (fed.firstFrameMillis != Long.MIN_VALUE && fed.firstFrameMillis <= ptsMillis) {
        holder = fed;
      }
    }
    if (holder == null) {
      return null;
    }
    VideoFragment f = holder.fragment;
    return new FrameContext(streamArn, f.fragmentNumber(), f.serverMillis(), f.producerMillis(),
        (ptsMillis - holder.firstFrameMillis) / 1000.0);
  }
}
