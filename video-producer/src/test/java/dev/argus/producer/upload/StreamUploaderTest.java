package dev.argus.producer.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.producer.ack.AckEvent;
import dev.argus.producer.buffer.BufferLimits;
import dev.argus.producer.buffer.EncodedFragment;
import dev.argus.producer.fragment.Fragment;
import dev.argus.producer.fragment.Packet;
import dev.argus.producer.mkv.MkvPackaging;
import dev.argus.producer.source.VideoTrack;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamUploaderTest {

  private static final VideoTrack TRACK =
      new VideoTrack(VideoTrack.H264, new byte[] {1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe0, 0}, 640, 480);
  private static final long BASE_MS = 1_764_000_000_000L;
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
  void everyFragmentIsPersistedOnceOnAHealthyConnection() throws Exception {
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, (c, tc, n) -> LoopbackPutMediaServer.persisted(tc))) {
      Recorder recorder = new Recorder();
      List<EncodedFragment> fragments = fragments(20, 1);
      StreamUploader uploader = upload(server, fast(), recorder, fragments);
      assertThat(uploader.completed()).isTrue();
      assertThat(server.received).extracting(LoopbackPutMediaServer.Received::timecode)
          .containsExactlyElementsOf(fragments.stream().map(EncodedFragment::timecodeMillis).toList());
      assertThat(server.received).allSatisfy(r -> assertThat(r.frames()).isEqualTo(30));
      assertThat(server.streamNames).containsOnly("cam-1");
      UploadMetrics.Snapshot m = uploader.metrics().snapshot();
      assertThat(m.fragmentsPersisted()).isEqualTo(20);
      assertThat(m.fragmentsSent()).isEqualTo(20);
      assertThat(m.reconnects()).isZero();
      assertThat(m.bytesPersisted()).isEqualTo(fragments.stream().mapToLong(EncodedFragment::size).sum());
      assertThat(recorder.acks).hasSize(60);
    }
  }

  @Test
  void cutsMidFragmentAreHealedByResendingWhatWasNotPersisted() throws Exception {
    List<EncodedFragment> fragments = fragments(30, 2);
    long total = fragments.stream().mapToLong(EncodedFragment::size).sum();
    LoopbackPutMediaServer.Behaviour cutting = new LoopbackPutMediaServer.Behaviour() {
      @Override
      public List<String> onCluster(int connection, long timecode, int frames) {
        return LoopbackPutMediaServer.persisted(timecode);
      }

      @Override
      public long cutAfterBytes(int connection) {
        return connection < 4 ? total / 6 + connection * 997 : -1;
      }
    };
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, cutting)) {
      Recorder recorder = new Recorder();
      StreamUploader uploader = upload(server, fast(), recorder, fragments);
      assertThat(uploader.completed()).isTrue();
      Set<Long> stored = server.received.stream().map(LoopbackPutMediaServer.Received::timecode).collect(Collectors.toCollection(TreeSet::new));
      assertThat(stored).containsExactlyElementsOf(fragments.stream().map(EncodedFragment::timecodeMillis).toList());
      assertThat(uploader.metrics().snapshot().reconnects()).isGreaterThanOrEqualTo(4);
      assertThat(uploader.metrics().snapshot().fragmentsPersisted()).isEqualTo(30);
      assertThat(recorder.errors).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("retriable"));
    }
  }

  @Test
  void aSilentConnectionGoesStaleAndTheNextOneDelivers() throws Exception {
    LoopbackPutMediaServer.Behaviour silentFirst = (c, tc, n) -> c == 0 ? List.of() : LoopbackPutMediaServer.persisted(tc);
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, silentFirst)) {
      Recorder recorder = new Recorder();
      List<EncodedFragment> fragments = fragments(5, 3);
      StreamUploader uploader = upload(server, fast().withStaleAfter(Duration.ofMillis(500)), recorder, fragments);
      assertThat(uploader.completed()).isTrue();
      assertThat(recorder.stale).isNotEmpty();
      assertThat(server.received).filteredOn(r -> r.connection() > 0).extracting(LoopbackPutMediaServer.Received::timecode)
          .containsExactlyElementsOf(fragments.stream().map(EncodedFragment::timecodeMillis).toList());
      assertThat(uploader.metrics().snapshot().staleConnections()).isPositive();
    }
  }

  @Test
  void errorAcksResendOrDropAsTheirIdSays() throws Exception {
    List<EncodedFragment> fragments = fragments(6, 4);
    long condemned = fragments.get(2).timecodeMillis();
    long flaky = fragments.get(4).timecodeMillis();
    LoopbackPutMediaServer.Behaviour errors = (c, tc, n) -> {
      if (tc == condemned) {
        return List.of(LoopbackPutMediaServer.error(4004, tc));
      }
      if (tc == flaky && c == 0) {
        return List.of(LoopbackPutMediaServer.error(5000, tc));
      }
      return LoopbackPutMediaServer.persisted(tc);
    };
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, errors)) {
      Recorder recorder = new Recorder();
      StreamUploader uploader = upload(server, fast(), recorder, fragments);
      assertThat(uploader.completed()).isTrue();
      assertThat(recorder.dropped).containsExactly(condemned);
      assertThat(server.received).filteredOn(r -> r.timecode() == flaky).hasSizeGreaterThanOrEqualTo(2);
      UploadMetrics.Snapshot m = uploader.metrics().snapshot();
      assertThat(m.fragmentsPersisted()).isEqualTo(5);
      assertThat(m.fragmentsDropped()).isEqualTo(1);
      assertThat(m.errorAcks()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void aRefusedRequestIsFatalWithoutRetrying() throws Exception {
    LoopbackPutMediaServer.Behaviour refusing = new LoopbackPutMediaServer.Behaviour() {
      @Override
      public List<String> onCluster(int connection, long timecode, int frames) {
        return List.of();
      }

      @Override
      public HttpResponseStatus refuse(int connection) {
        return HttpResponseStatus.NOT_FOUND;
      }
    };
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, refusing)) {
      Recorder recorder = new Recorder();
      StreamUploader uploader = upload(server, fast(), recorder, fragments(3, 5));
      assertThat(uploader.completed()).isFalse();
      assertThat(uploader.failure()).get().satisfies(e -> {
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("404").contains("ResourceNotFoundException");
      });
      assertThat(server.connections.get()).isEqualTo(1);
      assertThat(recorder.errors).containsExactly("fatal");
    }
  }

  @Test
  void connectionsAreRotatedAtMaxAgeWithoutLosingAFragment() throws Exception {
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, (c, tc, n) -> LoopbackPutMediaServer.persisted(tc))) {
      Recorder recorder = new Recorder();
      List<EncodedFragment> fragments = fragments(12, 6);
      ReconnectPolicy policy = fast().withMaxAge(Duration.ofMillis(150));
      UploadConfig config = UploadConfig.defaults(new PutMediaTarget(server.endpoint(), "cam-1")).withPolicy(policy);
      StreamUploader uploader = new StreamUploader(config, MkvPackaging.header(TRACK), group, Clock.systemUTC(),
          new Random(1), recorder, new UploadMetrics());
      uploader.start();
      for (EncodedFragment f : fragments) {
        uploader.offer(f);
        Thread.sleep(40);
      }
      uploader.finish();
      assertThat(uploader.awaitDone(Duration.ofSeconds(60))).isTrue();
      assertThat(uploader.completed()).isTrue();
      assertThat(server.connections.get()).isGreaterThan(1);
      assertThat(uploader.metrics().snapshot().fragmentsPersisted()).isEqualTo(12);
      assertThat(server.received.stream().map(LoopbackPutMediaServer.Received::timecode).distinct().count()).isEqualTo(12);
      uploader.close();
    }
  }

  @Test
  void aFullBufferDropsAndReports() throws Exception {
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, (c, tc, n) -> List.of())) {
      Recorder recorder = new Recorder();
      List<EncodedFragment> fragments = fragments(10, 7);
      UploadConfig config = UploadConfig.defaults(new PutMediaTarget(server.endpoint(), "cam-1"))
          .withPolicy(fast()).withBuffer(new BufferLimits(fragments.get(0).size() * 3L + 10, Duration.ofHours(1)));
      StreamUploader uploader = new StreamUploader(config, MkvPackaging.header(TRACK), group, Clock.systemUTC(),
          new Random(1), recorder, new UploadMetrics());
      uploader.start();
      fragments.forEach(uploader::offer);
      assertThat(recorder.dropped).hasSizeGreaterThanOrEqualTo(6);
      assertThat(uploader.bufferedBytes()).isLessThanOrEqualTo(fragments.get(0).size() * 3L + 10);
      uploader.close();
    }
  }

  @Test
  void aServerClosingAnIdleRequestIsNotAFailure() throws Exception {
    LoopbackPutMediaServer.Behaviour closesAfterEach = new LoopbackPutMediaServer.Behaviour() {
      @Override
      public List<String> onCluster(int connection, long timecode, int frames) {
        return LoopbackPutMediaServer.persisted(timecode);
      }

      @Override
      public long cutAfterBytes(int connection) {
        return -1;
      }
    };
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, closesAfterEach)) {
      Recorder recorder = new Recorder();
      List<EncodedFragment> fragments = fragments(4, 8);
      UploadConfig config = UploadConfig.defaults(new PutMediaTarget(server.endpoint(), "cam-1"))
          .withPolicy(fast().withMaxConsecutiveFailures(1));
      StreamUploader uploader = new StreamUploader(config, MkvPackaging.header(TRACK), group, Clock.systemUTC(),
          new Random(1), recorder, new UploadMetrics());
      uploader.start();
      for (EncodedFragment f : fragments) {
        uploader.offer(f);
        awaitPersisted(uploader, f.sequence() + 1);
        server.closeAll(); // the server ends every request while nothing is outstanding
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (server.connections.get() < f.sequence() + 2 && System.nanoTime() < deadline) {
          Thread.sleep(10); // the uploader opens its next request by itself
        }
      }
      uploader.finish();
      assertThat(uploader.awaitDone(Duration.ofSeconds(60))).isTrue();
      assertThat(uploader.completed()).isTrue();
      assertThat(recorder.errors).isEmpty();
      assertThat(server.connections.get()).isGreaterThanOrEqualTo(4);
      uploader.close();
    }
  }

  private static void awaitPersisted(StreamUploader uploader, long count) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (uploader.metrics().snapshot().fragmentsPersisted() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(uploader.metrics().snapshot().fragmentsPersisted()).isEqualTo(count);
  }

  private static ReconnectPolicy fast() {
    return ReconnectPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
        .withStaleAfter(Duration.ofSeconds(5));
  }

  private static StreamUploader upload(LoopbackPutMediaServer server, ReconnectPolicy policy, Recorder recorder,
      List<EncodedFragment> fragments) throws Exception {
    UploadConfig config = UploadConfig.defaults(new PutMediaTarget(server.endpoint(), "cam-1")).withPolicy(policy);
    StreamUploader uploader = new StreamUploader(config, MkvPackaging.header(TRACK), group, Clock.systemUTC(),
        new Random(1), recorder, new UploadMetrics());
    uploader.start();
    fragments.forEach(uploader::offer);
    uploader.finish();
    assertThat(uploader.awaitDone(Duration.ofSeconds(60))).isTrue();
    uploader.close();
    return uploader;
  }

  static List<EncodedFragment> fragments(int count, long seed) {
    Random random = new Random(seed);
    List<EncodedFragment> out = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      List<Packet> frames = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        long pts = (BASE_MS + f * 1000L) * 1000 + i * 33_333L;
        byte[] data = new byte[200 + random.nextInt(3000)];
        random.nextBytes(data);
        frames.add(new Packet(1, pts, pts, i == 0, data));
      }
      out.add(MkvPackaging.encode(new Fragment(f, BASE_MS + f * 1000L, frames)));
    }
    return out;
  }

  /** Records listener calls. */
  static final class Recorder implements UploadListener {
    final List<AckEvent> acks = new CopyOnWriteArrayList<>();
    final List<Long> dropped = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final List<Duration> stale = new CopyOnWriteArrayList<>();

    @Override
    public void onAck(AckEvent ack) {
      acks.add(ack);
    }

    @Override
    public void onFragmentDropped(EncodedFragment fragment, String reason) {
      dropped.add(fragment.timecodeMillis());
    }

    @Override
    public void onError(Throwable error, boolean fatal) {
      errors.add(fatal ? "fatal" : "retriable");
    }

    @Override
    public void onConnectionStale(Duration silence) {
      stale.add(silence);
    }
  }
}
