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
