package dev.argus.fragmentstore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamLifecycleListenerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  /** Notes each call as "name: event stream" in a shared list; throws after noting when told to. */
  private record Named(String name, List<String> heard, boolean fails) implements StreamLifecycleListener {
    @Override
    public void onCreated(StreamInfo created) {
      note("created " + created.streamName());
    }

    @Override
    public void onDeleted(StreamInfo deleted) {
      note("deleted " + deleted.streamName());
    }

    @Override
    public void onRetentionChanged(StreamInfo updated) {
      note("retention " + updated.streamName() + " " + updated.dataRetentionInHours());
    }

    private void note(String event) {
      heard.add(name + ": " + event);
      if (fails) {
        throw new IllegalStateException(name + " failed on " + event);
      }
    }
  }

  /** Three real StreamInfos, as the catalog hands them to its listener: created, retention, deleted. */
  private static List<StreamInfo> lifeOfOneStream() {
    List<StreamInfo> seen = new ArrayList<>();
    StreamLifecycleListener collect = new StreamLifecycleListener() {
      @Override
      public void onCreated(StreamInfo created) {
        seen.add(created);
      }

      @Override
      public void onDeleted(StreamInfo deleted) {
        seen.add(deleted);
      }

      @Override
      public void onRetentionChanged(StreamInfo updated) {
        seen.add(updated);
      }
    };
    VideoStreamCatalog catalog = new VideoStreamCatalog(Catalog.EMPTY, c -> { }, collect, CLOCK, "us-east-1",
        "000000000000");
    StreamInfo s = catalog.create(NewStream.named("cam", 24));
    StreamInfo up = catalog.updateRetention(new RetentionUpdate(new StreamRef.ByName("cam"), s.version(),
        RetentionOperation.INCREASE_DATA_RETENTION, 6));
    catalog.delete(s.arn(), up.version());
    assertThat(seen).hasSize(3);
    return seen;
  }

  @Test
  void andThenTellsBothInOrderForEveryCall() {
    List<StreamInfo> life = lifeOfOneStream();
    List<String> heard = new ArrayList<>();
    StreamLifecycleListener both = new Named("store", heard, false).andThen(new Named("live", heard, false));
    both.onCreated(life.get(0));
    both.onRetentionChanged(life.get(1));
    both.onDeleted(life.get(2));
    assertThat(heard).containsExactly("store: created cam", "live: created cam", "store: retention cam 30",
        "live: retention cam 30", "store: deleted cam", "live: deleted cam");
  }

  @Test
  void theSecondIsToldEvenWhenTheFirstThrows() {
    List<StreamInfo> life = lifeOfOneStream();
    List<String> heard = new ArrayList<>();
    StreamLifecycleListener both = new Named("store", heard, true).andThen(new Named("live", heard, false));
    assertThatThrownBy(() -> both.onCreated(life.get(0))).hasMessage("store failed on created cam");
    assertThatThrownBy(() -> both.onRetentionChanged(life.get(1))).hasMessage("store failed on retention cam 30");
    assertThatThrownBy(() -> both.onDeleted(life.get(2))).hasMessage("store failed on deleted cam");
    assertThat(heard).containsExactly("store: created cam", "live: created cam", "store: retention cam 30",
        "live: retention cam 30", "store: deleted cam", "live: deleted cam");
  }
}
