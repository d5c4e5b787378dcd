package dev.argus.app.bench;

import dev.argus.app.demo.DemoClients;
import dev.argus.app.demo.DemoClip;
import dev.argus.app.server.ArgusConfig;
import dev.argus.app.server.ArgusServer;
import dev.argus.producer.VideoProducer;
import dev.argus.producer.control.ControlPlaneClient;
import dev.argus.producer.fragment.FragmentLimits;
import dev.argus.producer.source.MediaSource;
import dev.argus.producer.source.SourceOptions;
import dev.argus.producer.source.SourceSpec;
import dev.argus.producer.source.Sources;
import dev.argus.producer.upload.PutMediaTarget;
import dev.argus.producer.upload.UploadConfig;
import dev.argus.producer.upload.UploadListener;
import dev.argus.producer.upload.UploadMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * {@code argus bench faces}: end-to-end latency of face search on a live 30 fps stream, from a
 * frame uploaded with PutMedia to its face-search record readable with GetRecords.
 *
 * <p>It starts a server in this process on a temporary data directory (shard limits off, so
 * GetRecords can be polled often), or targets {@code --endpoint}; enrols the reference face
 * (picture 30 of the shipped clip, person A) in a new collection; creates a video stream, a
 * one-shard data stream and a Rekognition face-search stream processor between them, and starts
 * it; then replays the clip (or {@code --source}) {@code --passes} times in real time through the
 * producer library, re-encoded with libopenh264 with a key frame, so a fragment, every
 * {@code --fragment-ms}. A reader polls GetRecords every {@code --poll-ms} and times each record
 * against its frame ({@link FaceRecordTiming}): upload to readable, capture to readable, and
 * capture to written (the record's ApproximateArrivalTimestamp, which excludes the polling).
 * Everything runs on this machine, so the producer's and the server's clocks are the same.
 * Against {@code --endpoint}, the server should run with {@code --shard-limits off} (5 GetRecords
 * per second per shard would otherwise add up to 200 ms).
 */
@Command(name = "faces", mixinStandardHelpOptions = true,
    description = "Measures frame upload (PutMedia) to face record readable (GetRecords) on a live 30 fps stream.")
public final class FacesBenchCommand implements Callable<Integer> {

  static final String ROLE = "arn:aws:iam::000000000000:role/argus-bench";
  /** After the last pass, records have stopped once none arrived for this long. */
  static final Duration QUIET = Duration.ofSeconds(5);
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  @Spec
  CommandSpec spec;

  @Option(names = "--endpoint", description = "A running Argus (default: start one in this process).")
  URI endpoint;

  @Option(names = "--source", description = "A video file to replay (default: the shipped clip).")
  Path source;

  @Option(names = "--face", description = "A photo of the person to enrol (default: picture 30 of the shipped clip).")
  Path face;

  @Option(names = "--passes", defaultValue = "2", description = "Times the clip is replayed (default ${DEFAULT-VALUE}).")
  int passes;

  @Option(names = "--fragment-ms", defaultValue = "1000",
      description = "Key-frame interval, hence fragment length, in ms (default ${DEFAULT-VALUE}).")
  long fragmentMs;

  @Option(names = "--poll-ms", defaultValue = "20", description = "GetRecords polling interval (default ${DEFAULT-VALUE}).")
  long pollMs;

  @Option(names = "--threshold", defaultValue = "80", description = "FaceMatchThreshold (default ${DEFAULT-VALUE}).")
  float threshold;

  @Override
  public Integer call() throws Exception {
    Path temp = Files.createTempDirectory("argus-bench-faces-");
    try {
      Path clip = source != null ? source : DemoClip.extract(temp);
      byte[] reference = face != null ? Files.readAllBytes(face)
          : DemoClip.pictureAsJpeg(DemoClip.extract(temp), DemoClip.REFERENCE_PICTURE);
      if (endpoint != null) {
        return run(endpoint, clip, reference);
      }
      try (ArgusServer server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0,
          Files.createDirectories(temp.resolve("data")), false))) {
        return run(URI.create(server.baseUrl()), clip, reference);
      }
    } finally {
      try (var paths = Files.walk(temp)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private int run(URI at, Path clip, byte[] reference) throws Exception {
    String suffix = Long.toString(System.currentTimeMillis());
    String collection = "argus-bench-" + suffix;
    String video = "argus-bench-camera-" + suffix;
    String data = "argus-bench-faces-" + suffix;
    String processor = "argus-bench-" + suffix;
    try (DemoClients clients = DemoClients.open(at)) {
      clients.rekognition().createCollection(r -> r.collectionId(collection));
      clients.rekognition().indexFaces(r -> r.collectionId(collection).externalImageId("person-a").maxFaces(1)
          .image(i -> i.bytes(SdkBytes.fromByteArray(reference))));
      ControlPlaneClient control = new ControlPlaneClient(at);
      control.createStream(video, 24);
      String videoArn = clients.video().describeStream(r -> r.streamName(video)).streamInfo().streamARN();
      clients.kinesis().createStream(r -> r.streamName(data).shardCount(1));
      await(() -> clients.kinesis().describeStreamSummary(r -> r.streamName(data)).streamDescriptionSummary()
          .streamStatus() == StreamStatus.ACTIVE);
      String dataArn = clients.kinesis().describeStreamSummary(r -> r.streamName(data)).streamDescriptionSummary()
          .streamARN();
      clients.rekognition().createStreamProcessor(r -> r.name(processor).roleArn(ROLE)
          .input(i -> i.kinesisVideoStream(k -> k.arn(videoArn)))
          .output(o -> o.kinesisDataStream(k -> k.arn(dataArn)))
          .settings(st -> st.faceSearch(f -> f.collectionId(collection).faceMatchThreshold(threshold))));
      clients.rekognition().startStreamProcessor(r -> r.name(processor));
      await(() -> "RUNNING".equals(clients.rekognition().describeStreamProcessor(r -> r.name(processor))
          .statusAsString()));
      FaceRecordReader reader = new FaceRecordReader(clients.kinesis(), data, pollMs);
      reader.start();
      UploadMetrics.Snapshot uploaded = null;
      for (int pass = 0; pass < passes; pass++) {
        uploaded = produce(control.putMediaEndpoint(video), video, clip);
      }
      await(() -> reader.records() > 0 && System.currentTimeMillis() - reader.lastRecordMillis() > QUIET.toMillis());
      reader.stop();
      String status = clients.rekognition().describeStreamProcessor(r -> r.name(processor)).statusAsString();
      clients.rekognition().stopStreamProcessor(r -> r.name(processor));
      report(reader, uploaded, status);
      cleanUp(clients, processor, collection, data);
      return reader.records() > 0 ? 0 : 1;
    }
  }

  private void report(FaceRecordReader reader, UploadMetrics.Snapshot lastPass, String status) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "faces: %d passes at 30 fps, fragments %d ms, poll %d ms: %d records (%d matched), "
            + "processor %s, last pass frames %d fragments %d%n", passes, fragmentMs, pollMs, reader.records(),
        reader.matched(), status, lastPass.framesIn(), lastPass.fragmentsPersisted());
    line(out, "upload -> readable (GetRecords)", reader.uploadToRead());
    line(out, "capture -> readable (GetRecords)", reader.captureToRead());
    line(out, "capture -> written (ApproximateArrival)", reader.captureToWritten());
    out.flush();
  }

  private static void line(PrintWriter out, String what, Latencies latencies) {
    out.printf(Locale.ROOT, "  %-40s p50 %7.0f ms  p99 %7.0f ms  (n=%d)%n", what, latencies.percentileMillis(50),
        latencies.percentileMillis(99), latencies.count());
  }

  private UploadMetrics.Snapshot produce(URI putMedia, String video, Path clip) throws Exception {
    Clock clock = Clock.systemUTC();
    Duration target = Duration.ofMillis(fragmentMs);
    SourceOptions options = new SourceOptions(clock, target, SourceOptions.DEFAULT_BITRATE, true,
        SourceOptions.DEFAULT_IO_TIMEOUT, SourceOptions.DEFAULT_RECONNECT_DELAY);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("argus-bench-io", true),
        NioIoHandler.newFactory());
    SourceSpec spec = SourceSpec.parse(clip.toString());
    try (MediaSource media = Sources.open(spec, options)) {
      VideoProducer producer = new VideoProducer(media, false, true, FragmentLimits.withTarget(target),
          UploadConfig.defaults(new PutMediaTarget(putMedia, video)), group, clock, new Random(), new UploadListener() { });
      producer.start();
      while (!producer.awaitCompletion(Duration.ofSeconds(1))) {
        // a file ends by itself
      }
      producer.close();
      producer.failure().ifPresent(e -> spec().commandLine().getErr().println("argus bench faces: upload failed: " + e));
      return producer.metrics().snapshot();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private CommandSpec spec() {
    return spec;
  }

  private static void cleanUp(DemoClients clients, String processor, String collection, String data) {
    try {
      clients.rekognition().deleteStreamProcessor(r -> r.name(processor));
      clients.rekognition().deleteCollection(r -> r.collectionId(collection));
      clients.kinesis().deleteStream(r -> r.streamName(data));
    } catch (RuntimeException e) {
      // best effort: the names are unique to this run
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting after " + DEFAULT_WAIT.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }
}
