package dev.argus.fragmentstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.fragmentstore.fragment.FragmentDraft;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.MetadataTag;
import dev.argus.fragmentstore.fragment.StoredFragment;
import dev.argus.fragmentstore.fragment.StreamHeader;
import dev.argus.fragmentstore.fragment.TimestampKind;
import dev.argus.log.FsyncPolicy;
import dev.argus.log.LogConfig;
import dev.argus.log.LogFlusher;
import dev.argus.log.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamStorageTest {
  @TempDir Path dir;
  private final LogFlusher flusher = LogFlusher.start(Duration.ofMillis(2), "test-flusher");
  private final MutableClock clock = new MutableClock(1_700_000_000_000L);
  private final StreamKey key = new StreamKey("cam", 1_600_000_000_000L);

  @AfterEach
  void stopFlusher() {
    flusher.close();
  }

  private LogConfig config() {
    return LogConfig.defaults(FsyncPolicy.interval(flusher), clock).withMaxSegmentBytes(20_000)
        .withMaxSegmentAge(Duration.ofSeconds(30));
  }

  static StreamHeader header(int variant) {
    return new StreamHeader(new byte[] {1, 2, 3}, new byte[] {4, (byte) variant}, new byte[] {7, 8, 9}, 1_000_000,
        List.of(1L));
  }

  /** A random fragment; about half carry metadata tags (entry format 2), the rest none (format 1). */
  private static FragmentDraft draft(long producer, long header, Random random) {
    byte[] cluster = new byte[100 + random.nextInt(3000)];
    random.nextBytes(cluster);
    List<MetadataTag> metadata = new ArrayList<>();
    int tags = random.nextBoolean() ? 0 : 1 + random.nextInt(FragmentDraft.MAX_METADATA_TAGS);
    for (int i = 0; i < tags; i++) {
      metadata.add(new MetadataTag("tag" + i, "v".repeat(random.nextInt(MetadataTag.MAX_VALUE_CHARS + 1))));
    }
    return new FragmentDraft(producer, random.nextInt(2000), 1 + random.nextInt(60), header, cluster, metadata);
  }

  @Test
  void aReservedNumberIsTheOneTheFragmentIsStoredUnderAndIsNeverGivenTwice() throws Exception {
    try (StreamStorage storage = StreamStorage.open(key, dir, config(), clock)) {
      long version = storage.putHeader(header(1));
      Random random = new Random(2);
      var reserved = storage.reserveNumber();
      assertThat(reserved.offset()).isEqualTo(storage.nextOffset());
      clock.advance(40); // the fragment arrives over time
      StreamStorage.Appended appended = storage.append(draft(5000, version, random), reserved);
      assertThat(appended.meta().number()).isEqualTo(reserved);
      assertThat(storage.find(reserved)).contains(appended.meta());

      var failed = storage.reserveNumber(); // a fragment that never completes
      var next = storage.reserveNumber(); // same offset, same clock reading
      assertThat(next.offset()).isEqualTo(failed.offset());
      assertThat(next).isGreaterThan(failed);
      assertThat(storage.append(draft(6000, version, random), next).meta().number()).isEqualTo(next);

      var stale = storage.reserveNumber();
      storage.append(draft(7000, version, random));
      assertThatThrownBy(() -> storage.append(draft(8000, version, random), stale))
          .isInstanceOf(IllegalStateException.class);
      assertThat(storage.fragmentCount()).isEqualTo(3);
    }
  }

  @Test
  void appendedFragmentsReadBackAndPersist() throws Exception {
    try (StreamStorage storage = StreamStorage.open(key, dir, config(), clock)) {
      long version = storage.putHeader(header(1));
      assertThat(storage.putHeader(header(1))).isEqualTo(version);
      Random random = new Random(1);
      FragmentDraft draft = draft(5000, version, random);
      StreamStorage.Appended appended = storage.append(draft);
      appended.persisted().get(10, TimeUnit.SECONDS);
      assertThat(appended.meta().number().streamEpochMillis()).isEqualTo(key.creationMillis());
      assertThat(appended.meta().serverMillis()).isEqualTo(clock.millis());
      StoredFragment read = storage.read(appended.meta().offset()).orElseThrow();
      assertThat(read.cluster()).isEqualTo(draft.cluster());
      assertThat(read.metadata()).isEqualTo(draft.metadata());
      assertThat(read.header()).isEqualTo(header(1));
      assertThat(read.meta()).isEqualTo(appended.meta());
      assertThat(storage.find(appended.meta().number())).contains(appended.meta());
      assertThat(storage.read(1)).isEmpty();
      assertThatThrownBy(() -> storage.append(draft(1, 99, random))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** Random appends, header changes, clock steps (back too) and reopens against a list model. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void reopenRebuildsTheSameIndex(long seed) throws Exception {
    Random random = new Random(seed);
    List<FragmentMeta> model = new ArrayList<>();
    List<FragmentDraft> drafts = new ArrayList<>();
    StreamStorage storage = StreamStorage.open(key, dir, config(), clock);
    try {
      long version = storage.putHeader(header(0));
      long lastServer = 0;
      for (int step = 0; step < 300; step++) {
        int op = random.nextInt(100);
        if (op < 80) {
          clock.advance(random.nextInt(10) == 0 ? -random.nextInt(1000) : random.nextInt(2500));
          FragmentDraft draft = draft(random.nextInt(1_000_000), version, random);
          FragmentMeta meta = storage.append(draft).meta();
          assertThat(meta.offset()).isEqualTo(model.size());
          assertThat(meta.serverMillis()).isGreaterThanOrEqualTo(lastServer);
          lastServer = meta.serverMillis();
          model.add(meta);
          drafts.add(draft);
        } else if (op < 90) {
          version = storage.putHeader(header(random.nextInt(3)));
        } else {
          storage.close();
          storage = StreamStorage.open(key, dir, config(), clock);
          assertThat(storage.headers().values()).contains(header(0));
        }
      }
      StreamStorage reopened = storage;
      for (FragmentMeta meta : model) {
        assertThat(reopened.find(meta.number())).contains(meta);
        StoredFragment read = reopened.read(meta.offset()).orElseThrow();
        assertThat(read.cluster()).isEqualTo(drafts.get((int) meta.offset()).cluster());
        assertThat(read.metadata()).isEqualTo(drafts.get((int) meta.offset()).metadata());
      }
      int size = reopened.query(i -> i.size());
      assertThat(size).isEqualTo(model.size());
      List<FragmentMeta> all =
          reopened.query(i -> i.range(TimestampKind.SERVER_TIMESTAMP, 0, Long.MAX_VALUE, null, 10_000));
      assertThat(all).containsExactlyElementsOf(model);
    } finally {
      storage.close();
    }
  }

  /**
   * Model-oracle test of the index sidecar: random appends, reopens, retention, sidecar damage
   * (deleted, truncated, a byte flipped, garbage appended) and a crash that lost log entries the
   * sidecar kept; after every reopen the index equals the model and a full scan of the log.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void sidecarIndexMatchesAFullScan(long seed) throws Exception {
    Random random = new Random(seed);
    Path stream = dir.resolve("stream");
    List<FragmentMeta> model = new ArrayList<>();
    StreamStorage storage = StreamStorage.open(key, stream, config(), clock);
    try {
      long version = storage.putHeader(header(0));
      for (int step = 0; step < 250; step++) {
        int op = random.nextInt(100);
        if (op < 75) {
          clock.advance(random.nextInt(2500));
          model.add(storage.append(draft(random.nextInt(1_000_000), version, random)).meta());
        } else if (op < 80 && !model.isEmpty()) {
          int dropped = storage.dropOlderThan(model.get(random.nextInt(model.size())).serverMillis());
          model.subList(0, dropped).clear();
        } else if (op < 88) {
          storage.close();
          storage = StreamStorage.open(key, stream, config(), clock);
          assertThat(storage.scannedOnOpen()).as("a clean reopen reads the sidecar only").isZero();
        } else if (op < 96) {
          storage.close();
          damage(stream.resolve(StreamStorage.SIDECAR_FILE), random);
          storage = StreamStorage.open(key, stream, config(), clock);
        } else {
          storage.close();
          storage = crashLosingTail(stream, version, model, random);
        }
        if (op >= 80) {
          assertThat(indexOf(storage)).containsExactlyElementsOf(model).isEqualTo(fullScanOf(stream));
        }
      }
      assertThat(indexOf(storage)).containsExactlyElementsOf(model);
      storage.close();
      assertThat(fullScanOf(stream)).containsExactlyElementsOf(model);
    } finally {
      storage.close();
    }
  }

  private static List<FragmentMeta> indexOf(StreamStorage storage) {
    return storage.query(i -> i.all());
  }

  /** The index a full scan of the log builds: a copy of the stream without its sidecar. */
  private List<FragmentMeta> fullScanOf(Path stream) throws IOException {
    Path copy = dir.resolve("scan-" + System.nanoTime());
    copyTree(stream, copy);
    Files.deleteIfExists(copy.resolve(StreamStorage.SIDECAR_FILE));
    try (StreamStorage scanned = StreamStorage.open(key, copy, config(), clock)) {
      return indexOf(scanned);
    }
  }

  private static void damage(Path sidecar, Random random) throws IOException {
    byte[] bytes = Files.readAllBytes(sidecar);
    switch (random.nextInt(4)) {
      case 0 -> Files.delete(sidecar);
      case 1 -> Files.write(sidecar, java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)));
      case 2 -> {
        int at = random.nextInt(bytes.length);
        bytes[at] ^= (byte) (1 + random.nextInt(255));
        Files.write(sidecar, bytes);
      }
      default -> {
        byte[] garbage = new byte[1 + random.nextInt(200)];
        random.nextBytes(garbage);
        Files.write(sidecar, garbage, java.nio.file.StandardOpenOption.APPEND);
      }
    }
  }

  /**
   * A crash after which the log kept fewer entries than the sidecar: the stream as it was, with the
   * sidecar of a few more appends that the crash lost.
   */
  private StreamStorage crashLosingTail(Path stream, long version, List<FragmentMeta> model, Random random)
      throws IOException {
    Path before = dir.resolve("before-" + System.nanoTime());
    copyTree(stream, before);
    try (StreamStorage later = StreamStorage.open(key, stream, config(), clock)) {
      for (int i = 1 + random.nextInt(5); i > 0; i--) {
        clock.advance(1000);
        later.append(draft(random.nextInt(1_000_000), version, random));
      }
    }
    Path sidecar = stream.resolve(StreamStorage.SIDECAR_FILE);
    byte[] ahead = Files.readAllBytes(sidecar);
    Log.deleteAll(stream);
    copyTree(before, stream);
    Files.write(sidecar, ahead);
    StreamStorage reopened = StreamStorage.open(key, stream, config(), clock);
    assertThat(reopened.nextOffset()).isEqualTo(model.isEmpty() ? reopened.firstOffset()
        : model.get(model.size() - 1).offset() + 1);
    return reopened;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  @Test
  void retentionDropsWholeOldSegmentsFromLogAndIndex() throws Exception {
    try (StreamStorage storage = StreamStorage.open(key, dir, config(), clock)) {
      long version = storage.putHeader(header(1));
      Random random = new Random(2);
      List<FragmentMeta> metas = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        clock.advance(2000);
        metas.add(storage.append(draft(i * 2000L, version, random)).meta());
      }
      long cutoff = metas.get(30).serverMillis();
      int dropped = storage.dropOlderThan(cutoff);
      assertThat(dropped).isPositive();
      long first = storage.firstOffset();
      assertThat(first).isEqualTo(dropped).isLessThanOrEqualTo(30);
      assertThat(storage.read(first - 1)).isEmpty();
      assertThat(storage.read(first)).isPresent();
      assertThat(storage.find(metas.get(0).number())).isEmpty();
      Optional<FragmentMeta> oldest = storage.query(i -> i.first());
      assertThat(oldest).contains(metas.get((int) first));
      // every dropped fragment was older than the cutoff
      assertThat(metas.get((int) first - 1).serverMillis()).isLessThan(cutoff);
    }
  }

  @Test
  void cursorReadsStoredThenLiveFragments() throws Exception {
    try (StreamStorage storage = StreamStorage.open(key, dir, config(), clock);
        FragmentCursor cursor = storage.cursor(0)) {
      long version = storage.putHeader(header(1));
      Random random = new Random(3);
      storage.append(draft(1, version, random));
      assertThat(cursor.poll().orElseThrow().meta().offset()).isZero();
      assertThat(cursor.poll()).isEmpty();
      List<Long> woken = new java.util.concurrent.CopyOnWriteArrayList<>();
      cursor.whenAvailable(() -> woken.add(storage.nextOffset()));
      assertThat(woken).isEmpty();
      Thread appender = new Thread(() -> {
        try {
          Thread.sleep(50);
          storage.append(draft(2, version, random));
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      appender.start();
      Optional<StoredFragment> live = cursor.poll(Duration.ofSeconds(30));
      appender.join();
      assertThat(live.orElseThrow().meta().offset()).isEqualTo(1);
      assertThat(woken).containsExactly(2L); // fired once, after the append
      storage.close();
      assertThat(cursor.ended()).isTrue();
      assertThat(cursor.poll(Duration.ofSeconds(30))).isEmpty();
    }
  }

  @Test
  void appendAfterCloseIsStreamClosed() throws Exception {
    StreamStorage storage = StreamStorage.open(key, dir, config(), clock);
    long version = storage.putHeader(header(1));
    storage.close();
    assertThatThrownBy(() -> storage.append(draft(1, version, new Random(1))))
        .isInstanceOf(StreamClosedException.class);
  }
}
