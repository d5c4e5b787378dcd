package dev.argus.faces.processor;

import dev.argus.faces.collection.FaceCollections;
import dev.argus.faces.processor.VideoFragmentSource.StartPosition;
import dev.argus.faces.stream.FrameAnalyzer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The stream processors: their definitions (persisted in {@code dir/processors.json} on every
 * change, see {@link ProcessorFile}) and one {@link ProcessorWorker} thread per STARTING or
 * RUNNING processor. Processors that were STARTING or RUNNING when the server stopped start again
 * on {@link #open}, from where their last Start began.
 *
 * <p>Status follows {@link ProcessorStatus}. A worker that fails (its video stream, data stream or
 * collection gone, or a decoder failure) leaves its processor FAILED with the reason as
 * StatusMessage.
 *
 * <p>Thread-safe: every method is synchronized; workers call back into it.
 */
public final class StreamProcessors implements AutoCloseable {

  public static final int DEFAULT_MAX_PROCESSORS = 20;
  /** Frames analysed per second of video. */
  public static final double DEFAULT_FRAMES_PER_SECOND = 5;
  /** A fragment stored longer ago than this when a worker reaches it is skipped. */
  public static final long DEFAULT_MAX_LAG_MILLIS = 15_000;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-]{1,128}");

  /** A processor as DescribeStreamProcessor shows it. */
  public record View(ProcessorDefinition definition, long millisBehindNow, long records, long analysedFrames,
                     long skippedFragments) {
  }

  private final ProcessorFile file;
  private final Clock clock;
  private final String arnPrefix;
  private final VideoFragmentSource video;
  private final RecordSink sink;
  private final FaceCollections collections;
  private final FrameAnalyzer analyzer;
  private final double framesPerSecond;
  private final long maxLagMillis;
  private final TreeMap<String, ProcessorDefinition> definitions = new TreeMap<>();
  private final Map<String, ProcessorWorker> workers = new HashMap<>();
  private final Map<ProcessorWorker, Thread> threads = new HashMap<>();
  private boolean closed;

  private StreamProcessors(ProcessorFile file, Clock clock, String region, String account, VideoFragmentSource video,
                           RecordSink sink, FaceCollections collections, FrameAnalyzer analyzer,
                           double framesPerSecond, long maxLagMillis) {
    this.file = file;
    this.clock = clock;
    this.arnPrefix = "arn:aws:rekognition:" + region + ":" + account + ":streamprocessor/";
    this.video = video;
    this.sink = sink;
    this.collections = collections;
    this.analyzer = analyzer;
    this.framesPerSecond = framesPerSecond;
    this.maxLagMillis = maxLagMillis;
  }

  /** Loads the definitions in {@code dir} and restarts those that were active. */
  public static StreamProcessors open(Path dir, Clock clock, String region, String account, VideoFragmentSource video,
                                      RecordSink sink, FaceCollections collections, FrameAnalyzer analyzer,
                                      double framesPerSecond, long maxLagMillis) throws IOException {
    StreamProcessors processors = new StreamProcessors(new ProcessorFile(dir), clock, region, account, video, sink,
        collections, analyzer, framesPerSecond, maxLagMillis);
    synchronized (processors) {
      for (ProcessorDefinition d : processors.file.load()) {
        processors.definitions.put(d.name(), d);
      }
      for (ProcessorDefinition d : List.copyOf(processors.definitions.values())) {
        if (d.status() == ProcessorStatus.STOPPING) {
          processors.definitions.put(d.name(), d.withStatus(ProcessorStatus.STOPPED, "", clock.millis()));
        } else if (d.status().active()) {
          processors.launch(d.starting(d.start(), clock.millis()));
        }
      }
      processors.save();
    }
    return processors;
  }

  /** CreateStreamProcessor: a STOPPED processor; returns its ARN. */
  public synchronized String create(String name, String videoStreamArn, String dataStreamArn, String roleArn,
                                    String collectionId, float threshold) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Name must be 1-128 of [a-zA-Z0-9_.-]: " + name);
    }
    if (definitions.containsKey(name)) {
      throw new ProcessorInUseException("stream processor " + name + " already exists");
    }
    if (definitions.size() >= DEFAULT_MAX_PROCESSORS) {
      throw new ProcessorLimitExceededException("at most " + DEFAULT_MAX_PROCESSORS + " stream processors");
    }
    video.streamName(videoStreamArn);
    sink.requireStream(dataStreamArn);
    collections.get(collectionId);
    long now = clock.millis();
    ProcessorDefinition d = new ProcessorDefinition(name, arnPrefix + name, videoStreamArn, dataStreamArn, roleArn,
        collectionId, threshold, now, now, ProcessorStatus.STOPPED, "", new StartPosition.Now());
    definitions.put(name, d);
    save();
    return d.arn();
  }

  /** StartStreamProcessor: STARTING, then RUNNING once its tail is open. */
  public synchronized void start(String name, StartPosition from) {
    ProcessorDefinition d = get(name);
    if (!d.status().canStart()) {
      throw new ProcessorInUseException("stream processor " + name + " is " + d.status());
    }
    launch(d.starting(from, clock.millis()));
    save();
  }

  /** StopStreamProcessor: STOPPING, then STOPPED once its worker has ended. */
  public synchronized void stop(String name) {
    ProcessorDefinition d = get(name);
    if (!d.status().canStop()) {
      throw new ProcessorInUseException("stream processor " + name + " is " + d.status());
    }
    definitions.put(name, d.withStatus(ProcessorStatus.STOPPING, "", clock.millis()));
    ProcessorWorker worker = workers.get(name);
    if (worker != null) {
      worker.stop();
    }
    save();
  }

  public synchronized View describe(String name) {
    ProcessorDefinition d = get(name);
    ProcessorWorker w = workers.get(name);
    return w == null ? new View(d, 0, 0, 0, 0)
        : new View(d, w.millisBehindNow(), w.records(), w.analysedFrames(), w.skippedFragments());
  }

  /** Up to {@code max} processors after {@code afterName} (null: from the first), in name order. */
  public synchronized List<ProcessorDefinition> list(String afterName, int max) {
    Map<String, ProcessorDefinition> tail = afterName == null ? definitions : definitions.tailMap(afterName, false);
    List<ProcessorDefinition> out = new ArrayList<>();
    for (ProcessorDefinition d : tail.values()) {
      if (out.size() == max) {
        break;
      }
      out.add(d);
    }
    return out;
  }

  /** DeleteStreamProcessor: stops its worker, if any, and forgets it. */
  public synchronized void delete(String name) {
    get(name);
    ProcessorWorker worker = workers.remove(name);
    if (worker != null) {
      worker.stop();
    }
    definitions.remove(name);
    save();
  }

  public synchronized Optional<ProcessorDefinition> find(String name) {
    return Optional.ofNullable(definitions.get(name));
  }

  /** Stops every worker and waits for them; active processors stay active on disk, to restart. */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (this) {
      closed = true;
      workers.values().forEach(ProcessorWorker::stop);
      running = List.copyOf(threads.values());
    }
    for (Thread t : running) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private ProcessorDefinition get(String name) {
    ProcessorDefinition d = definitions.get(name);
    if (d == null) {
      throw new ProcessorResourceNotFoundException("stream processor " + name + " does not exist");
    }
    return d;
  }

  private void launch(ProcessorDefinition starting) {
    definitions.put(starting.name(), starting);
    ProcessorWorker worker = new ProcessorWorker(starting, video, sink, collections, analyzer, clock, framesPerSecond,
        maxLagMillis, new Listener());
    workers.put(starting.name(), worker);
    Thread thread = new Thread(worker, "stream-processor-" + starting.name());
    thread.setDaemon(true);
    threads.put(worker, thread);
    thread.start();
  }

  private void save() {
    try {
      file.save(definitions.values());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the stream processors", e);
    }
  }

  /** Status changes reported by workers; ignored for workers no longer current. */
  private final class Listener implements ProcessorWorker.Listener {
    @Override
    public void running(ProcessorWorker worker) {
      synchronized (StreamProcessors.this) {
        String name = worker.definition().name();
        ProcessorDefinition d = definitions.get(name);
        if (!closed && workers.get(name) == worker && d != null && d.status() == ProcessorStatus.STARTING) {
          definitions.put(name, d.withStatus(ProcessorStatus.RUNNING, "", clock.millis()));
          save();
        }
      }
    }

    @Override
    public void ended(ProcessorWorker worker, String failure) {
      synchronized (StreamProcessors.this) {
        threads.remove(worker);
        String name = worker.definition().name();
        if (closed || workers.get(name) != worker) {
          return;
        }
        workers.remove(name);
        ProcessorDefinition d = definitions.get(name);
        if (d != null) {
          boolean failed = failure != null && d.status() != ProcessorStatus.STOPPING;
          definitions.put(name, d.withStatus(failed ? ProcessorStatus.FAILED : ProcessorStatus.STOPPED,
              failed ? failure : "", clock.millis()));
          save();
        }
      }
    }
  }
}
