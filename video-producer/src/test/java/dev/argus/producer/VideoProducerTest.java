package dev.argus.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.producer.fragment.FragmentLimits;
import dev.argus.producer.source.MediaSource;
import dev.argus.producer.source.SourceOptions;
import dev.argus.producer.source.SourceSpec;
import dev.argus.producer.source.Sources;
import dev.argus.producer.upload.LoopbackPutMediaServerAccess;
import dev.argus.producer.upload.PutMediaTarget;
import dev.argus.producer.upload.ReconnectPolicy;
import dev.argus.producer.upload.UploadConfig;
import dev.argus.producer.upload.UploadListener;
import dev.argus.producer.upload.UploadMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VideoProducerTest {

  private static EventLoopGroup group;

  @BeforeAll
  static void startGroup() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void clustersMkvBecomesOneFragmentPerKeyFrame() throws Exception {
    try (LoopbackPutMediaServerAccess server = LoopbackPutMediaServerAccess.acking(group)) {
      UploadMetrics.Snapshot m = produce("clusters.mkv", server, false);
      assertThat(server.timecodes()).hasSize(8);
      assertThat(server.frameCounts()).containsExactly(59, 59, 59, 59, 59, 59, 59, 31);
      assertThat(m.framesIn()).isEqualTo(444);
      assertThat(m.fragmentsPersisted()).isEqualTo(8);
      assertThat(m.framesDropped()).isZero();
    }
  }

  @Test
  void bezosVogelsKeepsItsThreeGops() throws Exception {
    try (LoopbackPutMediaServerAccess server = LoopbackPutMediaServerAccess.acking(group)) {
      UploadMetrics.Snapshot m = produce("bezos_vogels.mkv", server, false);
      assertThat(server.timecodes()).hasSize(3);
      assertThat(server.frameCounts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(546);
      assertThat(m.fragmentsPersisted()).isEqualTo(3);
    }
  }

  /**
   * The producer streams: each frame reaches the server before the source produces the next one. The
   * source holds frame k until frame k-1 has arrived (giving up after {@link #FRAME_WAIT}); a producer
   * that held frames until their fragment ended would make it give up. Arrival and production are
   * ordered by {@link System#nanoTime()}, no duration is asserted.
   */
  @Test
  void eachFrameReachesTheServerBeforeTheNextFrameIsProduced() throws Exception {
    try (LoopbackPutMediaServerAccess server = LoopbackPutMediaServerAccess.acking(group)) {
      LockstepSource source = new LockstepSource(server, 90, 30);
      UploadConfig config = UploadConfig.defaults(new PutMediaTarget(server.endpoint(), "cam"));
      VideoProducer producer = new VideoProducer(source, true, false, FragmentLimits.withTarget(Duration.ofMillis(500)),
          config, group, Clock.systemUTC(), new Random(1), new UploadListener() {});
      producer.start();
      assertThat(producer.awaitCompletion(Duration.ofSeconds(120))).isTrue();
      assertThat(producer.succeeded()).isTrue();
      producer.close();
      assertThat(source.gaveUp).as("a frame did not arrive before the next was produced").isFalse();
      List<Long> arrived = server.frameArrivalNanos();
      assertThat(arrived).hasSize(90);
      for (int k = 1; k < 90; k++) {
        assertThat(arrived.get(k - 1)).as("frame %d arrived before frame %d was produced", k - 1, k)
            .isLessThan(source.producedNanos[k]);
      }
      // the streamed Clusters of unknown size end at the next Cluster and at the end of the body
      assertThat(server.frameCounts()).containsExactly(30, 30, 30);
      assertThat(producer.metrics().snapshot().fragmentsPersisted()).isEqualTo(3);
    }
  }

  /** How long {@link LockstepSource} waits for the previous frame to arrive before giving up. */
  private static final Duration FRAME_WAIT = Duration.ofSeconds(10);

  /** A live source of synthetic H.264-tagged frames, 30 fps, that produces frame k once frame k-1 arrived. */
  private static final class LockstepSource implements MediaSource {
    private static final long BASE_US = 1_764_000_000_000_000L;
    private final LoopbackPutMediaServerAccess server;
    private final int frames;
    private final int gop;
    final long[] producedNanos;
    volatile boolean gaveUp;
    private int next;

    LockstepSource(LoopbackPutMediaServerAccess server, int frames, int gop) {
      this.server = server;
      this.frames = frames;
      this.gop = gop;
      this.producedNanos = new long[frames];
    }

    @Override
    public dev.argus.producer.source.VideoTrack track() {
      return new dev.argus.producer.source.VideoTrack(dev.argus.producer.source.VideoTrack.H264,
          new byte[] {1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe0, 0}, 640, 480);
    }

    @Override
    public java.util.Optional<dev.argus.producer.fragment.Packet> next() {
      if (next == frames) {
        return java.util.Optional.empty();
      }
      long deadline = System.nanoTime() + FRAME_WAIT.toNanos();
      while (!gaveUp && server.framesArrived() < next) {
        if (System.nanoTime() > deadline) {
          gaveUp = true;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
      }
      long pts = BASE_US + next * 33_333L;
      byte[] data = new byte[200 + next];
      java.util.Arrays.fill(data, (byte) next);
      producedNanos[next] = System.nanoTime();
      return java.util.Optional.of(new dev.argus.producer.fragment.Packet(1, pts, pts, next++ % gop == 0, data));
    }

    @Override
    public void close() {}
  }

  private static UploadMetrics.Snapshot produce(String file, LoopbackPutMediaServerAccess server, boolean realtime) throws Exception {
    Path path = Path.of(System.getProperty("argus.testdata"), "kvs", file);
    SourceOptions options = SourceOptions.defaults(Clock.systemUTC(), FragmentLimits.DEFAULT_TARGET);
    try (MediaSource source = Sources.open(new SourceSpec.File(path), options)) {
      UploadConfig config = UploadConfig.defaults(new PutMediaTarget(server.endpoint(), "cam"))
          .withPolicy(ReconnectPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(100)));
      VideoProducer producer = new VideoProducer(source, false, realtime, FragmentLimits.defaults(), config, group,
          Clock.systemUTC(), new Random(1), new UploadListener() {});
      producer.start();
      assertThat(producer.awaitCompletion(Duration.ofSeconds(120))).isTrue();
      assertThat(producer.succeeded()).isTrue();
      producer.close();
      return producer.metrics().snapshot();
    }
  }

}
