package dev.argus.fragmentstore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class VideoStreamCatalogTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

  /** Records what the listener hears. */
  private static final class Recorder implements StreamLifecycleListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onCreated(StreamInfo created) {
      events.add("created " + created.streamName());
    }

    @Override
    public void onDeleted(StreamInfo deleted) {
      events.add("deleted " + deleted.streamName() + " " + deleted.status());
    }

    @Override
    public void onRetentionChanged(StreamInfo updated) {
      events.add("retention " + updated.streamName() + " " + updated.dataRetentionInHours());
    }
  }

  @Test
  void savesEachChangeAndTellsTheListener() {
    List<Long> saved = new ArrayList<>();
    Recorder recorder = new Recorder();
    VideoStreamCatalog catalog = new VideoStreamCatalog(Catalog.EMPTY, c -> saved.add(c.revision()), recorder,
        CLOCK, "us-east-1", "000000000000");
    StreamInfo s = catalog.create(NewStream.named("a", 24));
    StreamInfo down = catalog.updateRetention(new RetentionUpdate(new StreamRef.ByName("a"), s.version(),
        RetentionOperation.DECREASE_DATA_RETENTION, 20));
    catalog.tag(new StreamRef.ByName("a"), Tags.of(Map.of("k", "v")));
    assertThat(catalog.listTags(new StreamRef.ByName("a"), null).items()).containsExactly(Map.entry("k", "v"));
    catalog.untag(new StreamRef.ByName("a"), List.of("k"));
    catalog.delete(s.arn(), down.version());
    assertThat(saved).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(recorder.events).containsExactly("created a", "retention a 4", "deleted a DELETING");
    assertThat(catalog.streams()).isEmpty();
  }

  @Test
  void failedSaveChangesNothing() {
    VideoStreamCatalog catalog = new VideoStreamCatalog(Catalog.EMPTY, c -> {
      throw new IOException("disk full");
    }, StreamLifecycleListener.NONE, CLOCK, "us-east-1", "000000000000");
    assertThatThrownBy(() -> catalog.create(NewStream.named("a", 1))).isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("disk full");
    assertThat(catalog.streams()).isEmpty();
    assertThat(catalog.snapshot().revision()).isZero();
  }

  @Test
  void refusedRequestIsNotSavedAndListenerFailureDoesNotUndoTheChange() {
    List<Long> saved = new ArrayList<>();
    VideoStreamCatalog catalog = new VideoStreamCatalog(Catalog.EMPTY, c -> saved.add(c.revision()),
        new StreamLifecycleListener() {
          @Override
          public void onDeleted(StreamInfo deleted) {
            throw new IllegalStateException("media side broke");
          }

          @Override
          public void onRetentionChanged(StreamInfo updated) {
          }
        }, CLOCK, "us-east-1", "000000000000");
    StreamInfo s = catalog.create(NewStream.named("a", 1));
    assertThatThrownBy(() -> catalog.create(NewStream.named("a", 1))).isInstanceOf(StreamInUseException.class);
    assertThat(catalog.delete(s.arn(), null).status()).isEqualTo(StreamStatus.DELETING);
    assertThat(catalog.streams()).isEmpty();
    assertThat(saved).containsExactly(1L, 2L);
  }

  @Test
  void concurrentCreatesAllLandWithDistinctVersions() throws Exception {
    VideoStreamCatalog catalog = VideoStreamCatalog.inMemory(CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<StreamInfo>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String name = "s" + i;
        futures.add(pool.submit(() -> catalog.create(NewStream.named(name, 1))));
      }
      List<String> versions = new ArrayList<>();
      for (Future<StreamInfo> f : futures) {
        versions.add(f.get().version());
      }
      assertThat(versions).doesNotHaveDuplicates();
      assertThat(catalog.streams()).hasSize(200);
      assertThat(catalog.snapshot().revision()).isEqualTo(200);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void listenerHearsConcurrentRetentionChangesInOrder() throws Exception {
    List<Integer> heard = Collections.synchronizedList(new ArrayList<>());
    VideoStreamCatalog catalog = new VideoStreamCatalog(Catalog.EMPTY, CatalogStore.IN_MEMORY,
        new StreamLifecycleListener() {
          @Override
          public void onDeleted(StreamInfo deleted) {
          }

          @Override
          public void onRetentionChanged(StreamInfo updated) {
            heard.add(updated.dataRetentionInHours());
          }
        }, CLOCK, "us-east-1", "000000000000");
    catalog.create(NewStream.named("a", 0));
    StreamRef ref = new StreamRef.ByName("a");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          for (int done = 0; done < 25; ) {
            String version = catalog.describe(ref).version();
            try {
              catalog.updateRetention(new RetentionUpdate(ref, version,
                  RetentionOperation.INCREASE_DATA_RETENTION, 1));
              done++;
            } catch (VersionMismatchException raced) {
              // another thread won; read the new version and try again
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(heard).hasSize(100).isSorted().doesNotHaveDuplicates();
    assertThat(catalog.describe(ref).dataRetentionInHours()).isEqualTo(100);
  }

  @Test
  void rejectsBadRegionOrAccount() {
    assertThatThrownBy(() -> new VideoStreamCatalog(Catalog.EMPTY, CatalogStore.IN_MEMORY,
        StreamLifecycleListener.NONE, CLOCK, "US EAST", "000000000000"))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> new VideoStreamCatalog(Catalog.EMPTY, CatalogStore.IN_MEMORY,
        StreamLifecycleListener.NONE, CLOCK, "us-east-1", "acct"))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
