package dev.argus.samples.webcamproducer;

import dev.argus.producer.VideoProducer;
import dev.argus.producer.ack.AckEvent;
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
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The producer library on a webcam ({@code /dev/video0}), an RTSP camera
 * ({@code rtsp://user:pass@host/path}) or a file: creates the video stream if needed, then
 * fragments at key frames (2 s target) and uploads with PutMedia, printing each persisted
 * fragment. A file ends by itself; a camera runs until interrupted (Ctrl-C drains what was
 * captured).
 *
 * <pre>java -cp samples.jar dev.argus.samples.webcamproducer.WebcamProducer http://127.0.0.1:4566 front-door /dev/video0</pre>
 *
 * Not thread-safe; one run at a time.
 */
public final class WebcamProducer {

  /** Target fragment duration; the producer asks encoders for a key frame this often. */
  public static final Duration DEFAULT_FRAGMENT = Duration.ofSeconds(2);

  private WebcamProducer() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: WebcamProducer ENDPOINT STREAM SOURCE   (SOURCE: FILE, rtsp://..., /dev/videoN)");
      System.exit(2);
    }
    UploadMetrics.Snapshot done = run(URI.create(args[0]), args[1], args[2], true, System.out);
    System.exit(done.fragmentsPersisted() > 0 ? 0 : 1);
  }

  /**
   * Uploads {@code source} to {@code stream} (created with 24 h retention if missing) until the
   * source ends or the JVM is interrupted; {@code realtime} paces a file to its own clock.
   */
  public static UploadMetrics.Snapshot run(URI endpoint, String stream, String source, boolean realtime,
                                           PrintStream out) throws Exception {
    ControlPlaneClient control = new ControlPlaneClient(endpoint);
    if (control.createStream(stream, 24)) {
      out.println("created video stream " + stream);
    }
    SourceSpec spec = SourceSpec.parse(source);
    Clock clock = Clock.systemUTC();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sample-producer", true),
        NioIoHandler.newFactory());
    UploadListener printer = new UploadListener() {
      @Override
      public void onAck(AckEvent ack) {
        if (ack.type() == dev.argus.producer.ack.AckEventType.PERSISTED) {
          out.println("persisted fragment " + ack.fragmentNumber() + " at timecode " + ack.fragmentTimecode());
        }
      }
    };
    try (MediaSource media = Sources.open(spec, SourceOptions.defaults(clock, DEFAULT_FRAGMENT))) {
      VideoProducer producer = new VideoProducer(media, spec.live(), realtime, FragmentLimits.withTarget(DEFAULT_FRAGMENT),
          UploadConfig.defaults(new PutMediaTarget(control.putMediaEndpoint(stream), stream)), group, clock,
          new Random(), printer);
      Thread stopper = new Thread(() -> stop(producer), "sample-producer-stop");
      Runtime.getRuntime().addShutdownHook(stopper);
      producer.start();
      while (!producer.awaitCompletion(Duration.ofSeconds(1))) {
        // a camera runs until the shutdown hook stops it
      }
      producer.close();
      Runtime.getRuntime().removeShutdownHook(stopper);
      producer.failure().ifPresent(e -> out.println("failed: " + e.getMessage()));
      UploadMetrics.Snapshot m = producer.metrics().snapshot();
      out.printf("frames=%d fragments persisted=%d dropped=%d%n", m.framesIn(), m.fragmentsPersisted(),
          m.fragmentsDropped());
      return m;
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private static void stop(VideoProducer producer) {
    try {
      producer.stop(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
