package dev.argus.app.demo;

import dev.argus.app.server.ArgusConfig;
import dev.argus.app.server.ArgusServer;
import dev.argus.datastream.consumer.ConsumerConfig;
import dev.argus.datastream.consumer.InitialPosition;
import dev.argus.datastream.consumer.Scheduler;
import dev.argus.datastream.lease.HttpLeaseStore;
import dev.argus.faces.stream.FrameAnalyzer;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * {@code argus demo}: the whole pipeline in one process. Starts a server on an ephemeral loopback
 * port over a temporary (or {@code --data-dir}) data directory; enrols a reference face
 * (Rekognition CreateCollection + IndexFaces); creates a video stream and a data stream; starts a
 * Rekognition face-search stream processor from one to the other (or, with {@code --in-process},
 * analyses in this process with {@link LiveFaceSearch}: GetMedia + parser + decoder + face-detect,
 * writing the same records with PutRecord); streams the shipped clip (or {@code --source})
 * through the producer library; and prints each face-match record the consumer library reads back
 * ({@link FaceEventPrinter}), then a summary. Exits 0 when the video was uploaded and analysed.
 * Every call to the server goes through the AWS SDK or our client libraries, as an application's
 * would.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs the whole pipeline in one process on the shipped clip (or your camera) and prints face matches.")
public final class DemoCommand implements Callable<Integer> {

  static final String COLLECTION = "argus-demo";
  static final String VIDEO_STREAM = "argus-demo-camera";
  static final String DATA_STREAM = "argus-demo-faces";
  static final String PROCESSOR = "argus-demo-faces";
  /** Argus accepts and ignores the role a Rekognition stream processor needs in AWS. */
  static final String ROLE = "arn:aws:iam::000000000000:role/argus-demo";
  /** After the video ended, records have stopped once none arrived for this long. */
  static final Duration QUIET = Duration.ofSeconds(5);
  /** How long the demo waits for the analysis and the consumer to catch up after the video ended. */
  static final Duration DEFAULT_DRAIN = Duration.ofSeconds(120);

  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", description = "Data directory (default: a temporary one, deleted at exit).")
  Path dataDir;

  @Option(names = "--source", description = "rtsp://..., /dev/videoN or a video file (default: the shipped clip).")
  String source;

  @Option(names = "--face", description = "A photo of the person to look for (required with --source).")
  Path face;

  @Option(names = "--name", description = "The person's name in the events (default: person-a).")
  String name = DemoClip.REFERENCE_NAME;

  @Option(names = "--realtime", arity = "1", defaultValue = "true",
      description = "Send a file at its own pace, as a camera would (default ${DEFAULT-VALUE}).")
  boolean realtime;

  @Option(names = "--in-process",
      description = "Analyse in this process (GetMedia + decoder + face search) instead of with a stream processor.")
  boolean inProcess;

  @Option(names = "--fps", defaultValue = "2", description = "With --in-process: frames analysed per second of video (default ${DEFAULT-VALUE}; "
          + "stream processors analyse 5).")
  double framesPerSecond;

  @Option(names = "--threshold", defaultValue = "80", description = "FaceMatchThreshold, 0-100 (default ${DEFAULT-VALUE}).")
  float threshold;

  /** Opened once the summary is printed: Ctrl-C waits for it before the JVM exits. */
  private final CountDownLatch done = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    if (source != null && face == null) {
      throw new ParameterException(spec.commandLine(), "--source needs --face PHOTO");
    }
    Path temp = Files.createTempDirectory("argus-demo-");
    try {
      Path data = dataDir != null ? dataDir : Files.createDirectories(temp.resolve("data"));
      try (ArgusServer server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, data));
           DemoClients clients = DemoClients.open(URI.create(server.baseUrl()))) {
        err().println("argus demo: server on " + server.baseUrl() + ", data in " + data);
        String video = source != null ? source : DemoClip.extract(temp).toString();
        byte[] reference = face != null ? Files.readAllBytes(face) : DemoClip.pictureAsJpeg(Path.of(video),
            DemoClip.REFERENCE_PICTURE);
        return run(server, clients, video, reference);
      }
    } finally {
      done.countDown();
      deleteQuietly(temp);
    }
  }

  private int run(ArgusServer server, DemoClients clients, String video, byte[] reference) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    clients.rekognition().createCollection(r -> r.collectionId(COLLECTION));
    String faceId = clients.rekognition().indexFaces(r -> r.collectionId(COLLECTION).externalImageId(name).maxFaces(1)
        .image(i -> i.bytes(SdkBytes.fromByteArray(reference)))).faceRecords().stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no face found in the reference image")).face().faceId();
    out.printf("enrolled %s as face %s in collection %s%n", name, faceId, COLLECTION);
    ControlPlaneClient control = new ControlPlaneClient(URI.create(server.baseUrl()));
    control.createStream(VIDEO_STREAM, 24);
    String videoArn = clients.video().describeStream(r -> r.streamName(VIDEO_STREAM)).streamInfo().streamARN();
    createDataStream(clients);
    out.printf("video stream %s -> face search -> data stream %s%n", VIDEO_STREAM, DATA_STREAM);
    out.flush();
    String dataArn = clients.kinesis().describeStreamSummary(r -> r.streamName(DATA_STREAM))
        .streamDescriptionSummary().streamARN();
    return inProcess ? runInProcess(server, clients, control, video, videoArn)
        : runWithProcessor(server, clients, control, video, videoArn, dataArn);
  }

  /** Analysis by a Rekognition stream processor inside the server (CreateStreamProcessor + Start). */
  private int runWithProcessor(ArgusServer server, DemoClients clients, ControlPlaneClient control, String video,
                               String videoArn, String dataArn) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    clients.rekognition().createStreamProcessor(r -> r.name(PROCESSOR).roleArn(ROLE)
        .input(i -> i.kinesisVideoStream(k -> k.arn(videoArn)))
        .output(o -> o.kinesisDataStream(k -> k.arn(dataArn)))
        .settings(st -> st.faceSearch(f -> f.collectionId(COLLECTION).faceMatchThreshold(threshold))));
    clients.rekognition().startStreamProcessor(r -> r.name(PROCESSOR));
    out.printf("stream processor %s: %s%n", PROCESSOR,
        clients.rekognition().describeStreamProcessor(r -> r.name(PROCESSOR)).statusAsString());
    FaceEventPrinter printer = new FaceEventPrinter(out, Clock.systemUTC(), () -> Long.MIN_VALUE);
    try (Scheduler consumer = consumer(server, clients, printer)) {
      consumer.start();
      UploadMetrics.Snapshot uploaded = produce(control.putMediaEndpoint(VIDEO_STREAM), video);
      // The processor's records end when it has read every fragment: wait for a quiet spell.
      awaitTrue(() -> printer.lastRecordMillis() != Long.MIN_VALUE
          && System.currentTimeMillis() - printer.lastRecordMillis() > QUIET.toMillis());
      // Read before stopping: a stopped processor's worker, and its count, are gone. The AWS API
      // has no such figure, so it comes from the processors this process hosts.
      long analysed = server.faces().processors().describe(PROCESSOR).analysedFrames();
      clients.rekognition().stopStreamProcessor(r -> r.name(PROCESSOR));
      summary(out, uploaded, analysed, printer, realtime || source != null);
      return uploaded.fragmentsPersisted() > 0 ? 0 : 1;
    }
  }

  /** Analysis in this process from face-detect's pieces ({@link LiveFaceSearch}). */
  private int runInProcess(ArgusServer server, DemoClients clients, ControlPlaneClient control, String video,
                           String videoArn) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LiveFaceSearch analysis = new LiveFaceSearch(new LiveFaceSearch.Wiring(clients.media(), clients.kinesis(),
        new FrameAnalyzer(server.faces().analyzer()), server.faces().collections().get(COLLECTION), VIDEO_STREAM,
        videoArn, DATA_STREAM, threshold, framesPerSecond));
    FaceEventPrinter printer = new FaceEventPrinter(out, Clock.systemUTC(),
        () -> analysis.originMillis().orElse(Long.MIN_VALUE));
    try (Scheduler consumer = consumer(server, clients, printer)) {
      consumer.start();
      analysis.start();
      UploadMetrics.Snapshot uploaded = produce(control.putMediaEndpoint(VIDEO_STREAM), video);
      awaitTrue(() -> analysis.framesParsed() >= uploaded.framesIn() || analysis.failure().isPresent());
      analysis.stop();
      awaitTrue(() -> printer.records() >= analysis.recordsPut());
      summary(out, uploaded, analysis.framesAnalysed(), printer, realtime || source != null);
      analysis.failure().ifPresent(e -> err().println("argus demo: analysis failed: " + e));
      return uploaded.fragmentsPersisted() > 0 && analysis.failure().isEmpty() ? 0 : 1;
    }
  }

  private static Scheduler consumer(ArgusServer server, DemoClients clients, FaceEventPrinter printer) {
    return new Scheduler(ConsumerConfig.defaults(DATA_STREAM, "argus-demo", InitialPosition.trimHorizon()),
        clients.kinesis(), new HttpLeaseStore(URI.create(server.baseUrl()), COLLECTION), printer::processor,
        Clock.systemUTC(), new Random());
  }

  private static void createDataStream(DemoClients clients) throws InterruptedException {
    clients.kinesis().createStream(r -> r.streamName(DATA_STREAM).shardCount(1));
    awaitTrue(() -> clients.kinesis().describeStreamSummary(r -> r.streamName(DATA_STREAM))
        .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
  }

  /** Uploads the source until it ends (a file) or the process is interrupted (a camera). */
  private UploadMetrics.Snapshot produce(URI putMedia, String video) throws Exception {
    SourceSpec spec = SourceSpec.parse(video);
    Clock clock = Clock.systemUTC();
    Duration target = Duration.ofSeconds(2);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("argus-demo-io", true),
        NioIoHandler.newFactory());
    try (MediaSource media = Sources.open(spec, SourceOptions.defaults(clock, target))) {
      VideoProducer producer = new VideoProducer(media, spec.live(), realtime, FragmentLimits.withTarget(target),
          UploadConfig.defaults(new PutMediaTarget(putMedia, VIDEO_STREAM)), group, clock, new Random(),
          new UploadListener() { });
      Thread stopper = new Thread(() -> stopOnInterrupt(producer, done), "argus-demo-stop");
      Runtime.getRuntime().addShutdownHook(stopper);
      producer.start();
      while (!producer.awaitCompletion(Duration.ofSeconds(1))) {
        // a camera runs until Ctrl-C; the hook stops the producer and waits for the summary
      }
      producer.close();
      producer.failure().ifPresent(e -> err().println("argus demo: upload failed: " + e.getMessage()));
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // interrupted: the hook is running and waits for `done` (the summary)
      }
      return producer.metrics().snapshot();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private static void stopOnInterrupt(VideoProducer producer, CountDownLatch done) {
    try {
      producer.stop(Duration.ofSeconds(10));
      done.await(DEFAULT_DRAIN.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** @param framesAnalysed frames the analysis (the stream processor or the in-process one) looked at */
  private static void summary(PrintWriter out, UploadMetrics.Snapshot uploaded, long framesAnalysed,
                              FaceEventPrinter printer, boolean live) {
    out.printf(Locale.ROOT, "summary: frames %d, fragments %d, frames analysed %d, faces detected %d, "
            + "face records %d, matches %d%n", uploaded.framesIn(), uploaded.fragmentsPersisted(),
        framesAnalysed, printer.faces(), printer.records(), printer.matches());
    for (FaceEventPrinter.Person p : printer.people()) {
      out.printf(Locale.ROOT, "  %s: seen %.2f s to %.2f s in %d frames, best similarity %.1f%n", p.name(),
          p.firstSeconds(), p.lastSeconds(), p.frames(), p.bestSimilarity());
    }
    out.printf(Locale.ROOT, "latency from frame upload to event: p50 %d ms, p99 %d ms; from capture: p50 %d ms, "
            + "p99 %d ms; over %d records%s%n", printer.latencyPercentile(0.50), printer.latencyPercentile(0.99),
        printer.captureLatencyPercentile(0.50), printer.captureLatencyPercentile(0.99), printer.latencySamples(),
        "");
    out.flush();
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEFAULT_DRAIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting after " + DEFAULT_DRAIN.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary directory; the OS cleans up what is left
    }
  }
}
