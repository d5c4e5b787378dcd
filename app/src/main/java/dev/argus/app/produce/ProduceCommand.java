package dev.argus.app.produce;

import dev.argus.producer.VideoProducer;
import dev.argus.producer.control.ControlPlaneClient;
import dev.argus.producer.fragment.FragmentLimits;
import dev.argus.producer.source.MediaSource;
import dev.argus.producer.source.SourceOptions;
import dev.argus.producer.source.SourceSpec;
import dev.argus.producer.source.Sources;
import dev.argus.producer.upload.PutMediaTarget;
import dev.argus.producer.upload.UploadConfig;
import dev.argus.producer.upload.UploadMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus produce}: uploads a file, an RTSP camera, a V4L2 device or the test pattern to a
 * video stream with PutMedia. A recorded source ends by itself; a live one runs until interrupted
 * or {@code --duration-s}. Progress goes to stderr when it is a terminal, the summary to stdout;
 * the exit status is 0 when every fragment was persisted (or knowingly dropped), 1 otherwise.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = "Uploads video from a file, an RTSP camera, a V4L2 device or a test pattern with PutMedia.")
public final class ProduceCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--stream", required = true, description = "Video stream name.")
  String stream;

  @Option(names = "--source", required = true,
      description = "FILE, rtsp://[user:pass@]host/path, /dev/videoN, or testsrc[:WxH@FPS].")
  String source;

  @Option(names = "--endpoint", defaultValue = "${env:ARGUS_ENDPOINT:-http://127.0.0.1:4566}",
      description = "Argus (Kinesis Video) endpoint (env ARGUS_ENDPOINT; default ${DEFAULT-VALUE}).")
  URI endpoint;

  @Option(names = "--create", description = "Create the stream if it does not exist.")
  boolean create;

  @Option(names = "--retention-hours", defaultValue = "24", description = "Retention for --create (default ${DEFAULT-VALUE}).")
  int retentionHours;

  @Option(names = "--realtime", description = "Send a file at its own pace, as a camera would.")
  boolean realtime;

  @Option(names = "--fragment-ms", defaultValue = "2000", description = "Target fragment duration (default ${DEFAULT-VALUE}).")
  long fragmentMs;

  @Option(names = "--encode", description = "Re-encode to H.264 even when the source already is H.264.")
  boolean encode;

  @Option(names = "--bitrate", defaultValue = "2000000", description = "Encoder bit rate, bits/s (default ${DEFAULT-VALUE}).")
  int bitrate;

  @Option(names = "--duration-s", defaultValue = "0", description = "Stop a live source after this many seconds (0: run until interrupted).")
  long durationSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SourceSpec sourceSpec = SourceSpec.parse(source);
    URI dataEndpoint = prepareStream();
    Clock clock = Clock.systemUTC();
    Duration target = Duration.ofMillis(fragmentMs);
    SourceOptions options = new SourceOptions(clock, target, bitrate, encode, SourceOptions.DEFAULT_IO_TIMEOUT,
        SourceOptions.DEFAULT_RECONNECT_DELAY);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("argus-produce-io", true),
        NioIoHandler.newFactory());
    Progress progress = new Progress(err, System.console() != null);
    try (MediaSource media = Sources.open(sourceSpec, options)) {
      UploadConfig config = UploadConfig.defaults(new PutMediaTarget(dataEndpoint, stream));
      VideoProducer producer = new VideoProducer(media, sourceSpec.live(), realtime, FragmentLimits.withTarget(target),
          config, group, clock, new Random(), progress);
      Thread stopper = new Thread(() -> stopQuietly(producer), "argus-produce-stop");
      Runtime.getRuntime().addShutdownHook(stopper);
      long started = System.nanoTime();
      producer.start();
      run(producer, progress, started);
      producer.close();
      progress.clear();
      Runtime.getRuntime().removeShutdownHook(stopper);
      out.println(summary(producer.metrics().snapshot(), (System.nanoTime() - started) / 1e9));
      out.flush();
      producer.failure().ifPresent(e -> err.println("argus produce: " + e.getMessage()));
      return producer.succeeded() ? 0 : 1;
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private URI prepareStream() throws Exception {
    ControlPlaneClient control = new ControlPlaneClient(endpoint);
    if (create) {
      control.createStream(stream, retentionHours);
    } else if (!control.streamExists(stream)) {
      throw new IllegalArgumentException("stream " + stream + " does not exist (use --create)");
    }
    return control.putMediaEndpoint(stream);
  }

  private void run(VideoProducer producer, Progress progress, long started) throws InterruptedException {
    long deadline = durationSeconds > 0 ? started + TimeUnit.SECONDS.toNanos(durationSeconds) : Long.MAX_VALUE;
    while (!producer.awaitCompletion(Duration.ofSeconds(1))) {
      progress.show(producer.metrics().snapshot(), (System.nanoTime() - started) / 1e9);
      if (System.nanoTime() - deadline > 0) {
        producer.stop(Duration.ofSeconds(30));
        return;
      }
    }
  }

  private static void stopQuietly(VideoProducer producer) {
    try {
      producer.stop(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String summary(UploadMetrics.Snapshot m, double seconds) {
    return String.format(java.util.Locale.ROOT,
        "frames=%d frames_dropped=%d fragments=%d sent=%d resent=%d persisted=%d dropped=%d error_acks=%d "
            + "bytes=%d reconnects=%d stale=%d seconds=%.1f",
        m.framesIn(), m.framesDropped(), m.fragmentsBuffered(), m.fragmentsSent(), m.fragmentsResent(),
        m.fragmentsPersisted(), m.fragmentsDropped(), m.errorAcks(), m.bytesPersisted(), m.reconnects(),
        m.staleConnections(), seconds);
  }
}
