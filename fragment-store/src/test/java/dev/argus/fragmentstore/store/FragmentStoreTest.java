package dev.argus.fragmentstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.fragmentstore.catalog.NewStream;
import dev.argus.fragmentstore.catalog.RetentionOperation;
import dev.argus.fragmentstore.catalog.RetentionUpdate;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.StreamRef;
import dev.argus.fragmentstore.catalog.Tags;
import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import dev.argus.fragmentstore.fragment.FragmentDraft;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentStoreTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(1_700_000_000_000L);

  private static StreamInfo create(VideoStreamCatalog catalog, String name, int hours) {
    return catalog.create(new NewStream(name, null, null, null, hours, Tags.of(Map.of())));
  }

  private static FragmentMeta put(StreamStorage storage, long producer) throws Exception {
    long version = storage.putHeader(StreamStorageTest.header(1));
    return storage.append(new FragmentDraft(producer, 10, 1, version, new byte[64 * 1024])).meta();
  }

  @Test
  void reconcileDeletesStreamsTheCatalogLost() throws Exception {
    VideoStreamCatalog catalog = VideoStreamCatalog.inMemory(clock);
    StreamInfo kept = create(catalog, "kept", 24);
    StreamInfo gone = create(catalog, "gone", 24);
    try (FragmentStore store = FragmentStore.open(dir, clock, StoreConfig.defaults())) {
      put(store.open(kept), 1).offset();
      put(store.open(gone), 1);
    }
    Path goneDir = StreamKey.of(gone).dir(dir);
    assertThat(goneDir).exists();
    try (FragmentStore store = FragmentStore.open(dir, clock, StoreConfig.defaults())) {
      store.reconcile(List.of(kept));
      assertThat(goneDir).doesNotExist();
      assertThat(store.awaitDeletions(30, TimeUnit.SECONDS)).isTrue();
      assertThat(dir.resolve(FragmentStore.TRASH)).isEmptyDirectory(); // freed, and never taken for a stream
      assertThat(store.open(kept).nextOffset()).isEqualTo(1);
      assertThat(store.persists(StreamKey.of(kept))).isTrue();
    }
  }

  @Test
  void concurrentOpensGiveOneStoragePerStream() throws Exception {
    VideoStreamCatalog catalog = VideoStreamCatalog.inMemory(clock);
    List<StreamInfo> streams = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      streams.add(create(catalog, "cam-" + i, 24));
    }
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
    try (FragmentStore store = FragmentStore.open(dir, clock, StoreConfig.defaults())) {
      List<java.util.concurrent.Future<List<StreamStorage>>> opened = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        opened.add(threads.submit(() -> {
          List<StreamStorage> mine = new java.util.ArrayList<>();
          for (StreamInfo info : streams) {
            mine.add(store.open(info));
          }
          return mine;
        }));
      }
      List<StreamStorage> first = opened.get(0).get(60, TimeUnit.SECONDS);
      for (java.util.concurrent.Future<List<StreamStorage>> other : opened) {
        List<StreamStorage> theirs = other.get(60, TimeUnit.SECONDS);
        for (int i = 0; i < streams.size(); i++) {
          assertThat(theirs.get(i)).isSameAs(first.get(i));
        }
      }
      assertThat(first).extracting(StreamStorage::key).doesNotHaveDuplicates().hasSize(20);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void continuousGroupCommitPersistsEveryStreamsFragmentsWithoutAnExplicitFlush() throws Exception {
    assertThat(StoreConfig.defaults().continuousFlush()).isTrue();
    try (FragmentStore store = FragmentStore.open(dir, clock, StoreConfig.defaults())) {
      VideoStreamCatalog catalog = VideoStreamCatalog.inMemory(store, clock);
      List<java.util.concurrent.CompletableFuture<Void>> persisted = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        StreamStorage storage = store.open(create(catalog, "cam" + i, 24));
        long version = storage.putHeader(StreamStorageTest.header(1));
        for (int f = 1; f <= 3; f++) {
          persisted.add(storage.append(new FragmentDraft(f * 100L, 10, 1, version, new byte[4096])).persisted());
        }
      }
      java.util.concurrent.CompletableFuture.allOf(persisted.toArray(java.util.concurrent.CompletableFuture[]::new))
          .get(30, TimeUnit.SECONDS);
      assertThat(persisted).allSatisfy(p -> assertThat(p).isCompleted());
    }
  }

  @Test
  void deleteStreamClosesAndRemovesItsFragments() throws Exception {
    try (FragmentStore store = FragmentStore.open(dir, clock, StoreConfig.defaults())) {
      VideoStreamCatalog catalog = VideoStreamCatalog.inMemory(store, clock);
      StreamInfo info = create(catalog, "cam", 24);
      StreamStorage storage = store.open(info);
      put(storage, 1).offset();
      FragmentCursor cursor = storage.cursor(1);
      catalog.delete(info.arn(), null);
      assertThat(cursor.poll(Duration.ofSeconds(30))).isEmpty();
      assertThat(cursor.ended()).isTrue();
      awaitGone(StreamKey.of(info).dir(dir));
      assertThat(store.ifOpen(StreamKey.of(info))).isEmpty();
      assertThat(store.awaitDeletions(30, TimeUnit.SECONDS)).isTrue();
      assertThat(dir.resolve(FragmentStore.TRASH)).isEmptyDirectory();
    }
  }

  @Test
  void retentionDecreaseDropsOldSegmentsAtOnce() throws Exception {
    StoreConfig config = StoreConfig.defaults().withSegmentAge(Duration.ofMinutes(10));
    try (FragmentStore store = FragmentStore.open(dir, clock, config)) {
      VideoStreamCatalog catalog = VideoStreamCatalog.inMemory(store, clock);
      StreamInfo info = create(catalog, "cam", 5);
      StreamStorage storage = store.open(info);
      for (int i = 0; i < 30; i++) { // 30 fragments, 10 minutes apart: 5 hours
        put(storage, i);
        clock.advance(Duration.ofMinutes(10).toMillis());
      }
      store.applyRetention();
      assertThat(storage.firstOffset()).isZero(); // all within 5 hours
      catalog.updateRetention(new RetentionUpdate(new StreamRef.ByName("cam"), info.version(),
          RetentionOperation.DECREASE_DATA_RETENTION, 4));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (storage.fragmentCount() > 7 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // one hour kept: the fragments of the last 6 ten-minute segments, give or take the one straddling it
      assertThat(storage.firstOffset()).isBetween(23L, 24L);
      assertThat(storage.fragmentCount()).isEqualTo((int) (30 - storage.firstOffset()));
    }
  }

  @Test
  void createStreamOpensTheStreamsLogsBeforeItsFirstPutMedia() throws Exception {
    try (FragmentStore store = FragmentStore.open(dir, clock, StoreConfig.defaults())) {
      VideoStreamCatalog catalog = VideoStreamCatalog.inMemory(store, clock);
      StreamInfo info = create(catalog, "cam", 24);
      StreamKey key = StreamKey.of(info);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (store.ifOpen(key).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      StreamStorage prepared = store.ifOpen(key).orElseThrow();
      assertThat(key.dir(dir).resolve("fragments")).isDirectory();
      assertThat(store.open(info)).isSameAs(prepared);
      assertThat(store.persists(key)).isTrue();
      assertThat(put(prepared, 1).offset()).isZero();
    }
  }

  @Test
  void aStreamDeletedBeforeItsLogsOpenIsNeverOpened() throws Exception {
    try (FragmentStore store = FragmentStore.open(dir, clock, StoreConfig.defaults())) {
      VideoStreamCatalog catalog = VideoStreamCatalog.inMemory(store, clock);
      List<StreamInfo> streams = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        StreamInfo info = create(catalog, "cam-" + i, 24);
        catalog.delete(info.arn(), null); // queued right behind its open, often before it runs
        streams.add(info);
      }
      StreamInfo last = create(catalog, "last", 24); // the maintenance queue is FIFO: once it is open, all ran
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (store.ifOpen(StreamKey.of(last)).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(store.ifOpen(StreamKey.of(last))).isPresent();
      for (StreamInfo info : streams) {
        awaitGone(StreamKey.of(info).dir(dir));
        assertThat(store.ifOpen(StreamKey.of(info))).isEmpty();
      }
    }
  }

  private static void awaitGone(Path path) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Files.exists(path) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(path).doesNotExist();
  }
}
