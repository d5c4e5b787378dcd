package dev.argus.app.produce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.app.server.ArgusConfig;
import dev.argus.app.server.ArgusServer;
import dev.argus.producer.VideoProducer;
import dev.argus.producer.control.ControlPlaneClient;
import dev.argus.producer.fragment.FragmentLimits;
import dev.argus.producer.fragment.Packet;
import dev.argus.producer.source.MediaSource;
import dev.argus.producer.source.SourceOptions;
import dev.argus.producer.source.SourceSpec;
import dev.argus.producer.source.Sources;
import dev.argus.producer.upload.PutMediaTarget;
import dev.argus.producer.upload.ReconnectPolicy;
import dev.argus.producer.upload.UploadConfig;
import dev.argus.producer.upload.UploadListener;
import dev.argus.producer.upload.UploadMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer against the real server through faults: connections cut mid-fragment, ACKs held
 * back past the staleness timeout, the server restarted mid-upload, an RTSP camera restarted. Afterwards every source frame
 * is in the store; fragments resent after being persisted are counted as duplicates.
 */
class ProducerRecoveryTest {

  private static EventLoopGroup group;
  private static List<Packet> source;

  @TempDir
  Path dataDir;

  @BeforeAll
  static void setUp() throws Exception {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    source = ProduceCommandTest.packets(ProduceCommandTest.kvs("clusters.mkv"));
  }

  @AfterAll
  static void tearDown() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  @Test
  void connectionsCutMidFragmentLoseNothing() throws Exception {
    try (ArgusServer server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir));
        FaultProxy proxy = new FaultProxy(address(server), i -> i < 4 ? 180_000L + i * 70_001L : -1, i -> Duration.ZERO)) {
      UploadMetrics.Snapshot m = produce(server, proxy, "cut", policy(Duration.ofSeconds(5)), false);
      assertThat(proxy.cuts()).isEqualTo(4);
      assertThat(m.reconnects()).isGreaterThanOrEqualTo(4);
      assertEveryFrameStored(server, "cut", m);
    }
  }

  @Test
  void delayedAcksMakeStaleConnectionsThatAreReplacedWithoutLoss() throws Exception {
    try (ArgusServer server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir));
        FaultProxy proxy = new FaultProxy(address(server), i -> -1, i -> i < 2 ? Duration.ofMillis(2500) : Duration.ZERO)) {
      UploadMetrics.Snapshot m = produce(server, proxy, "slow-acks", policy(Duration.ofMillis(1500)), false);
      assertThat(m.staleConnections()).isGreaterThanOrEqualTo(2);
      assertEveryFrameStored(server, "slow-acks", m);
    }
  }

  @Test
  void aServerRestartMidUploadLosesNoFrame() throws Exception {
    ArgusServer first = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir));
    int port = first.port();
    new ControlPlaneClient(URI.create(first.baseUrl())).createStream("restart", 24);
    ArgusServer[] current = {first};
    Thread restarter = new Thread(() -> {
      try {
        Thread.sleep(5_000);
        current[0].close();
        Thread.sleep(1_000);
        current[0] = ArgusServer.start(new ArgusConfig("127.0.0.1", port, dataDir));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    restarter.start();
    UploadMetrics.Snapshot m = upload(URI.create(first.baseUrl()), "restart", policy(Duration.ofSeconds(5)), true);
    restarter.join();
    try {
      assertThat(m.reconnects()).isGreaterThanOrEqualTo(1);
      assertEveryFrameStored(current[0], "restart", m);
    } finally {
      current[0].close();
    }
  }

  /**
   * A real RTSP camera (GStreamer's RTSP server from Debian packages, see rtsp-camera.py) is killed
   * and restarted mid-stream: the producer reconnects to it and the stream goes on, in order, with
   * no duplicate. Skipped where those packages are not installed.
   */
  @Test
  void anRtspCameraThatRestartsIsResumed() throws Exception {
    Assumptions.assumeTrue(gstreamerRtspServerInstalled(), "needs /usr/bin/python3 with GstRtspServer (gir1.2-gst-rtsp-server-1.0)");
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process camera = startCamera(port);
    try (ArgusServer server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir))) {
      new ControlPlaneClient(URI.create(server.baseUrl())).createStream("rtsp-cam", 24);
      SourceOptions options = new SourceOptions(Clock.systemUTC(), Duration.ofSeconds(1), SourceOptions.DEFAULT_BITRATE,
          false, Duration.ofSeconds(3), Duration.ofMillis(500));
      MediaSource media = Sources.open(new SourceSpec.Rtsp(URI.create("rtsp://127.0.0.1:" + port + "/cam")), options);
      UploadConfig config = UploadConfig.defaults(new PutMediaTarget(URI.create(server.baseUrl()), "rtsp-cam"))
          .withPolicy(policy(Duration.ofSeconds(5)));
      VideoProducer producer = new VideoProducer(media, true, false, FragmentLimits.withTarget(Duration.ofSeconds(1)),
          config, group, Clock.systemUTC(), new Random(3), new UploadListener() {});
      producer.start();
      long before = awaitPersisted(producer, 3);
      camera.destroy();
      camera.waitFor();
      Thread.sleep(1_500);
      camera = startCamera(port);
      awaitPersisted(producer, before + 3);
      producer.stop(Duration.ofSeconds(10));
      producer.close();
      media.close();
      List<StoredFragments.Stored> stored = StoredFragments.read(server.baseUrl(), "rtsp-cam");
      System.err.printf("rtsp: %d fragments stored (%d before the restart), %d frames%n", stored.size(), before,
          StoredFragments.frames(stored));
      assertThat(stored.size()).isGreaterThanOrEqualTo((int) before + 3);
      assertThat(StoredFragments.duplicates(stored)).isZero();
      assertThat(stored).allSatisfy(f -> assertThat(f.frames()).isNotEmpty());
    } finally {
      camera.destroy();
      camera.waitFor();
    }
  }

  private static long awaitPersisted(VideoProducer producer, long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (producer.metrics().snapshot().fragmentsPersisted() < count && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    long persisted = producer.metrics().snapshot().fragmentsPersisted();
    assertThat(persisted).as("fragments persisted").isGreaterThanOrEqualTo(count);
    return persisted;
  }

  private static boolean gstreamerRtspServerInstalled() {
    try {
      Process p = new ProcessBuilder("/usr/bin/python3", "-c",
          "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Process startCamera(int port) throws Exception {
    Path script = Path.of(ProducerRecoveryTest.class.getResource("/rtsp-camera.py").toURI());
    Process camera = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(port))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String line = new java.io.BufferedReader(new java.io.InputStreamReader(camera.getInputStream())).readLine();
    assertThat(line).as("camera start").isEqualTo("ready");
    return camera;
  }

  private static ReconnectPolicy policy(Duration staleAfter) {
    return ReconnectPolicy.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(500)).withStaleAfter(staleAfter);
  }

  private static InetSocketAddress address(ArgusServer server) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
  }

  private static UploadMetrics.Snapshot produce(ArgusServer server, FaultProxy proxy, String stream, ReconnectPolicy policy,
      boolean realtime) throws Exception {
    new ControlPlaneClient(URI.create(server.baseUrl())).createStream(stream, 24);
    return upload(URI.create("http://127.0.0.1:" + proxy.port()), stream, policy, realtime);
  }

  private static UploadMetrics.Snapshot upload(URI endpoint, String stream, ReconnectPolicy policy, boolean realtime)
      throws Exception {
    Path file = ProduceCommandTest.kvs("clusters.mkv");
    SourceOptions options = SourceOptions.defaults(Clock.systemUTC(), FragmentLimits.DEFAULT_TARGET);
    try (MediaSource media = Sources.open(new SourceSpec.File(file), options)) {
      UploadConfig config = UploadConfig.defaults(new PutMediaTarget(endpoint, stream)).withPolicy(policy);
      VideoProducer producer = new VideoProducer(media, false, realtime, FragmentLimits.defaults(), config, group,
          Clock.systemUTC(), new Random(7), new UploadListener() {});
      producer.start();
      assertThat(producer.awaitCompletion(Duration.ofSeconds(120))).isTrue();
      assertThat(producer.failure()).isEmpty();
      assertThat(producer.succeeded()).isTrue();
      producer.close();
      return producer.metrics().snapshot();
    }
  }

  private static void assertEveryFrameStored(ArgusServer server, String stream, UploadMetrics.Snapshot m) throws Exception {
    List<StoredFragments.Stored> stored = StoredFragments.read(server.baseUrl(), stream);
    List<StoredFragments.Stored> distinct = StoredFragments.distinct(stored);
    int duplicates = StoredFragments.duplicates(stored);
    System.err.printf("%s: %d fragments stored, %d duplicates, %d resent, %d reconnects, %d stale%n",
        stream, stored.size(), duplicates, m.fragmentsResent(), m.reconnects(), m.staleConnections());
    assertThat(distinct).hasSize(8);
    assertThat(StoredFragments.frames(distinct)).isEqualTo(source.size());
    List<byte[]> frames = distinct.stream().flatMap(s -> s.frames().stream()).toList();
    for (int i = 0; i < source.size(); i++) {
      assertThat(frames.get(i)).as("frame %d", i).isEqualTo(source.get(i).data());
    }
    assertThat(duplicates).isLessThanOrEqualTo((int) m.fragmentsResent());
    assertThat(m.fragmentsPersisted()).isEqualTo(8);
  }
}
