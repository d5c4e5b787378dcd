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
    LoopbackPutMediaServer.Behaviour cutting = persistEverythingCuttingFourConnections(total);
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

  @Test
  void aFragmentInProgressIsResentFromItsStartAfterACutThenContinuedLive() throws Exception {
    List<List<byte[]>> blocks = streamedBlocks(2, 5);
    LoopbackPutMediaServer.Behaviour cutFirst = new LoopbackPutMediaServer.Behaviour() {
      @Override
      public List<String> onCluster(int connection, long timecode, int frames) {
        return LoopbackPutMediaServer.persisted(timecode);
      }

      @Override
      public long cutAfterBytes(int connection) {
        return connection == 0 ? 600 : -1; // inside the first fragment's first frames
      }
    };
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, cutFirst)) {
      Recorder recorder = new Recorder();
      StreamUploader uploader = streamingUploader(server, fast(), recorder);
      uploader.open(0, BASE_MS, MkvPackaging.clusterStart(BASE_MS));
      for (int i = 0; i < 10; i++) {
        uploader.append(0, blocks.get(0).get(i), BASE_MS + i * 33L);
      }
      // the half-sent fragment reaches the second connection from its start, before it is complete
      awaitArrivals(server, 1, 10);
      for (int i = 10; i < 30; i++) {
        uploader.append(0, blocks.get(0).get(i), BASE_MS + i * 33L);
      }
      uploader.complete(0);
      streamFragment(uploader, 1, blocks.get(1));
      uploader.finish();
      assertThat(uploader.awaitDone(Duration.ofSeconds(60))).isTrue();
      assertThat(uploader.completed()).isTrue();
      assertThat(server.received).filteredOn(r -> r.connection() == 1)
          .containsExactly(new LoopbackPutMediaServer.Received(1, BASE_MS, 30),
              new LoopbackPutMediaServer.Received(1, BASE_MS + 1000, 30));
      assertThat(uploader.metrics().snapshot().reconnects()).isEqualTo(1);
      assertThat(uploader.metrics().snapshot().fragmentsResent()).isEqualTo(1);
      assertThat(uploader.metrics().snapshot().fragmentsPersisted()).isEqualTo(2);
      uploader.close();
    }
  }

  @Test
  void streamedFragmentsSurviveCutsAnywhere() throws Exception {
    List<List<byte[]>> blocks = streamedBlocks(20, 6);
    long total = blocks.stream().flatMap(List::stream).mapToLong(b -> b.length).sum();
    LoopbackPutMediaServer.Behaviour cutting = persistEverythingCuttingFourConnections(total);
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, cutting)) {
      Recorder recorder = new Recorder();
      StreamUploader uploader = streamingUploader(server, fast(), recorder);
      for (int f = 0; f < blocks.size(); f++) {
        streamFragment(uploader, f, blocks.get(f));
      }
      uploader.finish();
      assertThat(uploader.awaitDone(Duration.ofSeconds(60))).isTrue();
      assertThat(uploader.completed()).isTrue();
      Set<Long> whole = server.received.stream().filter(r -> r.frames() == 30)
          .map(LoopbackPutMediaServer.Received::timecode).collect(Collectors.toCollection(TreeSet::new));
      assertThat(whole).hasSize(20).first().isEqualTo(BASE_MS);
      assertThat(uploader.metrics().snapshot().reconnects()).isGreaterThanOrEqualTo(4);
      assertThat(uploader.metrics().snapshot().fragmentsPersisted()).isEqualTo(20);
      uploader.close();
    }
  }

  @Test
  void streamingRotatesOnlyBetweenFragments() throws Exception {
    List<List<byte[]>> blocks = streamedBlocks(6, 7);
    try (LoopbackPutMediaServer server = new LoopbackPutMediaServer(group, (c, tc, n) -> LoopbackPutMediaServer.persisted(tc))) {
      Recorder recorder = new Recorder();
      StreamUploader uploader = streamingUploader(server, fast().withMaxAge(Duration.ofMillis(150)), recorder);
      for (int f = 0; f < blocks.size(); f++) {
        uploader.open(f, BASE_MS + f * 1000L, MkvPackaging.clusterStart(BASE_MS + f * 1000L));
        for (int i = 0; i < 30; i++) {
          uploader.append(f, blocks.get(f).get(i), BASE_MS + f * 1000L + i * 33L);
          Thread.sleep(3);
        }
        uploader.complete(f);
      }
      uploader.finish();
      assertThat(uploader.awaitDone(Duration.ofSeconds(60))).isTrue();
      assertThat(uploader.completed()).isTrue();
      assertThat(server.connections.get()).isGreaterThan(1);
      // every Cluster arrived whole on one connection, each fragment exactly once
      assertThat(server.received).allSatisfy(r -> assertThat(r.frames()).isEqualTo(30));
      assertThat(server.received).extracting(LoopbackPutMediaServer.Received::timecode)
          .containsExactly(BASE_MS, BASE_MS + 1000, BASE_MS + 2000, BASE_MS + 3000, BASE_MS + 4000, BASE_MS + 5000);
      assertThat(recorder.errors).isEmpty();
      uploader.close();
    }
  }

  private static StreamUploader streamingUploader(LoopbackPutMediaServer server, ReconnectPolicy policy, Recorder recorder) {
    UploadConfig config = UploadConfig.defaults(new PutMediaTarget(server.endpoint(), "cam-1")).withPolicy(policy);
    StreamUploader uploader = new StreamUploader(config, MkvPackaging.header(TRACK), group, Clock.systemUTC(),
        new Random(1), recorder, new UploadMetrics());
    uploader.start();
    return uploader;
  }

  private static void streamFragment(StreamUploader uploader, int f, List<byte[]> blocks) {
    long timecode = BASE_MS + f * 1000L;
    uploader.open(f, timecode, MkvPackaging.clusterStart(timecode));
    for (int i = 0; i < blocks.size(); i++) {
      uploader.append(f, blocks.get(i), timecode + i * 33L);
    }
    uploader.complete(f);
  }

  /** SimpleBlocks of {@code count} fragments of 30 frames, fragment f at BASE_MS + f s. */
  private static List<List<byte[]>> streamedBlocks(int count, long seed) {
    Random random = new Random(seed);
    List<List<byte[]>> out = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      long timecode = BASE_MS + f * 1000L;
      List<byte[]> blocks = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        byte[] data = new byte[20 + random.nextInt(300)];
        random.nextBytes(data);
        long pts = (timecode + i * 33L) * 1000;
        blocks.add(MkvPackaging.block(timecode, new Packet(1, pts, pts, i == 0, data)));
      }
      out.add(blocks);
    }
    return out;
  }

  private static void awaitArrivals(LoopbackPutMediaServer server, int connection, int frames) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (server.arrivals.stream().filter(a -> a.connection() == connection).count() < frames
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(server.arrivals.stream().filter(a -> a.connection() == connection).count()).isEqualTo(frames);
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

  /** Persists every cluster; cuts each of the first four connections at its own point past a sixth of {@code total}. */
  private static LoopbackPutMediaServer.Behaviour persistEverythingCuttingFourConnections(long total) {
    return new LoopbackPutMediaServer.Behaviour() {
      @Override
      public List<String> onCluster(int connection, long timecode, int frames) {
        return LoopbackPutMediaServer.persisted(timecode);
      }

      @Override
      public long cutAfterBytes(int connection) {
        return connection < 4 ? total / 6 + connection * 997 : -1;
      }
    };
  }
}
