package dev.argus.app.produce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.app.CliRun;
import dev.argus.app.server.ArgusConfig;
import dev.argus.app.server.ArgusServer;
import dev.argus.producer.fragment.Packet;
import dev.argus.producer.source.MediaSource;
import dev.argus.producer.source.SourceOptions;
import dev.argus.producer.source.SourceSpec;
import dev.argus.producer.source.Sources;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code argus produce} against the real server in this JVM, checked through the archived-media API. */
class ProduceCommandTest {

  @TempDir
  Path dataDir;

  private ArgusServer server;

  @BeforeEach
  void start() throws Exception {
    server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Path kvs(String name) {
    return Path.of(System.getProperty("argus.testdata"), "kvs", name);
  }

  @Test
  void aFileIsUploadedWithOneFragmentPerKeyFrameAndEveryFrameIntact() throws Exception {
    java.time.Instant started = java.time.Instant.now();
    CliRun result = produce("--stream", "lobby", "--source", kvs("clusters.mkv").toString(), "--create");
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("frames=444").contains("persisted=8").contains("dropped=0");

    List<Packet> source = packets(kvs("clusters.mkv"));
    List<StoredFragments.Stored> stored = StoredFragments.read(server.baseUrl(), "lobby");
    assertThat(stored).hasSize((int) source.stream().filter(Packet::key).count());
    assertThat(StoredFragments.frames(stored)).isEqualTo(444);
    assertThat(StoredFragments.bytes(stored)).isEqualTo(source.stream().mapToLong(p -> p.data().length).sum());
    List<byte[]> frames = stored.stream().flatMap(s -> s.frames().stream()).toList();
    for (int i = 0; i < source.size(); i++) {
      assertThat(frames.get(i)).as("frame %d", i).isEqualTo(source.get(i).data());
    }
    // producer timestamps: absolute, and spaced exactly as the source's key frames
    List<Long> keyOffsets = source.stream().filter(Packet::key).map(p -> p.ptsMillis() - source.get(0).ptsMillis()).toList();
    long first = StoredFragments.producerMillis(stored.get(0));
    assertThat(stored.stream().map(s -> StoredFragments.producerMillis(s) - first).toList()).isEqualTo(keyOffsets);
    assertThat(first).isBetween(started.toEpochMilli(), System.currentTimeMillis());
  }

  @Test
  void aMissingStreamWithoutCreateFails() {
    CliRun result = produce("--stream", "nobody", "--source", kvs("clusters.mkv").toString());
    assertThat(result.exit()).isNotZero();
    assertThat(result.err()).contains("does not exist");
  }

  @Test
  void theTestPatternRunsAsALiveCameraForItsDuration() throws Exception {
    CliRun result = produce("--stream", "pattern", "--source", "testsrc:320x240@15", "--create",
        "--fragment-ms", "1000", "--duration-s", "4");
    assertThat(result.exit()).as(result.err()).isZero();
    List<StoredFragments.Stored> stored = StoredFragments.read(server.baseUrl(), "pattern");
    assertThat(stored.size()).isGreaterThanOrEqualTo(2);
    assertThat(StoredFragments.duplicates(stored)).isZero();
  }

  private CliRun produce(String... args) {
    List<String> all = new ArrayList<>(List.of("produce", "--endpoint", server.baseUrl()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }


  static List<Packet> packets(Path file) throws Exception {
    List<Packet> packets = new ArrayList<>();
    try (MediaSource source = Sources.open(new SourceSpec.File(file),
        SourceOptions.defaults(Clock.systemUTC(), Duration.ofSeconds(2)))) {
      for (Optional<Packet> p = source.next(); p.isPresent(); p = source.next()) {
        packets.add(p.get());
      }
    }
    return packets;
  }
}
