package dev.argus.fragmentstore.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.fragmentstore.catalog.NewStream;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.StreamHeader;
import dev.argus.fragmentstore.store.StreamKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveFeedsTest {
  private static final StreamHeader HEADER = new StreamHeader(new byte[] {1}, new byte[] {2}, new byte[] {3},
      1_000_000, List.of(1L));
  private static final StreamKey CAM = new StreamKey("cam", 1_600_000_000_000L);
  private static final StreamKey DOOR = new StreamKey("door", 1_600_000_000_000L);

  private static LiveFragment numbered(long offset) {
    LiveFragment fragment = new LiveFragment(HEADER, 0);
    fragment.assign(new FragmentNumber(1_700_000_000_000L + offset, CAM.creationMillis(), offset));
    return fragment;
  }

  @Test
  void aStreamShowsOnlyItsFragmentInProgressUntilItEnds() {
    LiveFeeds feeds = new LiveFeeds();
    assertThat(feeds.current(CAM)).isEmpty();
    LiveFragment first = numbered(0);
    feeds.begin(CAM, first);
    assertThat(feeds.current(CAM)).containsSame(first);
    assertThat(feeds.current(DOOR)).isEmpty();
    LiveFragment second = numbered(1);
    feeds.begin(CAM, second); // the next fragment replaces it
    feeds.end(CAM, first); // a late end of the earlier one drops nothing
    assertThat(feeds.current(CAM)).containsSame(second);
    second.complete(new FragmentMeta(second.number(), 0, 0, 12, 0, 0), new byte[12], 0);
    feeds.end(CAM, second);
    assertThat(feeds.current(CAM)).isEmpty();
  }

  @Test
  void aFragmentThatEndedBeforeItWasShownIsNotShown() {
    LiveFeeds feeds = new LiveFeeds();
    LiveFragment failed = numbered(0);
    failed.fail(AckErrorCode.STREAM_READ_ERROR);
    feeds.end(CAM, failed); // the connection's end ran before the lane showed it
    feeds.begin(CAM, failed);
    assertThat(feeds.current(CAM)).isEmpty();
  }

  @Test
  void waitersRunOnceWhenTheNextFragmentBeginsUnlessCancelled() {
    LiveFeeds feeds = new LiveFeeds();
    AtomicInteger woken = new AtomicInteger();
    AtomicInteger cancelled = new AtomicInteger();
    Runnable cancel = cancelled::incrementAndGet;
    feeds.whenBegun(CAM, woken::incrementAndGet);
    feeds.whenBegun(CAM, cancel);
    feeds.cancel(CAM, cancel);
    feeds.begin(DOOR, numbered(0));
    assertThat(woken.get()).isZero();
    feeds.begin(CAM, numbered(0));
    feeds.begin(CAM, numbered(1));
    assertThat(woken.get()).isEqualTo(1);
    assertThat(cancelled.get()).isZero();
  }

  @Test
  void aDeletedStreamLeavesNoEntryAndItsWaitersRun() {
    LiveFeeds feeds = new LiveFeeds();
    VideoStreamCatalog catalog = VideoStreamCatalog.inMemory(feeds,
        Clock.fixed(Instant.ofEpochMilli(1_600_000_000_000L), ZoneOffset.UTC));
    StreamInfo cam = catalog.create(NewStream.named("cam", 24));
    StreamInfo door = catalog.create(NewStream.named("door", 24));
    StreamKey camKey = StreamKey.of(cam);
    StreamKey doorKey = StreamKey.of(door);
    feeds.begin(camKey, numbered(0));
    feeds.begin(doorKey, numbered(0));
    AtomicInteger woken = new AtomicInteger();
    feeds.whenBegun(camKey, woken::incrementAndGet);
    assertThat(feeds.streamCount()).isEqualTo(2);

    catalog.delete(cam.arn(), null);

    assertThat(feeds.streamCount()).isEqualTo(1);
    assertThat(feeds.current(camKey)).isEmpty();
    assertThat(feeds.current(doorKey)).isPresent();
    assertThat(woken.get()).isEqualTo(1);
    StreamInfo again = catalog.create(NewStream.named("cam", 24)); // a new incarnation starts empty
    assertThat(feeds.current(StreamKey.of(again))).isEmpty();
  }
}
