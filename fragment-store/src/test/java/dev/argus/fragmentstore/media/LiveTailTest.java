package dev.argus.fragmentstore.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.awshttp.api.RequestHead;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.TimestampKind;
import dev.argus.fragmentstore.store.StreamStorage;
import dev.argus.parser.kvs.FragmentListener;
import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.kvs.FragmentVisitor;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.write.Block;
import dev.argus.parser.write.MkvWriter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GetMedia's tail at the live edge: a real store and a real {@link PutMediaHandler} feeding the
 * live feed, read through {@link LiveTail} directly so a test decides when the reader reads.
 */
class LiveTailTest {
  private static final int FRAME_BYTES = 40;
  @TempDir Path dir;
  private MediaFixture fixture;
  private StreamStorage storage;
  private EmbeddedChannel producer;

  @BeforeEach
  void open() throws Exception {
    fixture = new MediaFixture(dir);
    StreamInfo info = fixture.createStream("cam", 24);
    storage = fixture.store.open(info);
    RequestHead head = MediaFixture.head("/putMedia", Map.of("x-amzn-stream-name", "cam",
        "x-amzn-fragment-timecode-type", "ABSOLUTE"));
    producer = new EmbeddedChannel(new PutMediaHandler(head, fixture.media));
    producer.writeInbound(MediaFixture.request(head));
    producer.runPendingTasks();
    send(TestMkv.header(1));
  }

  @AfterEach
  void close() {
    producer.close();
    fixture.close();
  }

  private void send(byte[] bytes) {
    producer.writeInbound(MediaFixture.content(bytes, 0, bytes.length, false));
    producer.runPendingTasks();
  }

  private LiveTail reader() {
    return reader(true);
  }

  private LiveTail reader(boolean stopOnFailure) {
    return new LiveTail(new StartSelector.Now().openCursor(storage), fixture.media.live(), storage.key(),
        Clock.systemUTC(), stopOnFailure);
  }

  /** Everything the source has now. */
  private static byte[] drain(LiveTail source) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Optional<LiveTail.Part> next;
    while ((next = source.next()).isPresent()) {
      out.writeBytes(next.get().mkv());
    }
    return out.toByteArray();
  }

  /** Parses what a reader received so far, as a KVS reader would, frame by frame. */
  private static final class Reader {
    final List<FragmentMetadata> frames = new ArrayList<>();
    final List<FragmentMetadata> ended = new ArrayList<>();
    final List<Integer> endedFrames = new ArrayList<>();
    final MkvParser parser = new MkvParser(new FragmentVisitor(new FragmentListener() {
      @Override
      public void onFrame(Frame frame, FragmentMetadata fragment) {
        frames.add(fragment);
      }

      @Override
      public void onFragmentEnd(FragmentMetadata fragment, int count) {
        ended.add(fragment);
        endedFrames.add(count);
      }
    }));

    void feed(byte[] bytes) {
      parser.feed(ByteBuffer.wrap(bytes));
    }
  }

  private List<FragmentMeta> stored() {
    return storage.query(i -> i.range(TimestampKind.SERVER_TIMESTAMP, 0, Long.MAX_VALUE, null, 100));
  }

  @Test
  void framesReachATailingReaderBeforeTheFragmentCompletes() throws Exception {
    LiveTail source = reader();
    AtomicInteger wakeUps = new AtomicInteger();
    assertThat(source.next()).isEmpty();
    source.whenAvailable(wakeUps::incrementAndGet);
    byte[] cluster = TestMkv.cluster(10_000, 1, 6, 33, FRAME_BYTES);
    int half = cluster.length / 2;
    send(java.util.Arrays.copyOfRange(cluster, 0, half));
    assertThat(wakeUps.get()).isEqualTo(1);
    assertThat(stored()).isEmpty();
    Reader reader = new Reader();
    reader.feed(drain(source));
    int early = reader.frames.size();
    assertThat(early).isBetween(1, 5);
    String liveNumber = reader.frames.get(0).fragmentNumber().orElseThrow();

    send(java.util.Arrays.copyOfRange(cluster, half, cluster.length));
    reader.feed(drain(source));
    assertThat(reader.frames).hasSize(6);
    assertThat(reader.ended).isEmpty(); // a known-size cluster still ends at the next element
    send(TestMkv.cluster(20_000, 1, 2, 33, FRAME_BYTES)); // completes the first, starts the second
    reader.feed(drain(source));

    List<FragmentMeta> stored = stored();
    assertThat(stored).hasSize(2);
    assertThat(stored.get(0).number().toString()).isEqualTo(liveNumber);
    assertThat(reader.ended).hasSize(1);
    assertThat(reader.endedFrames).containsExactly(6);
    FragmentMetadata first = reader.ended.get(0);
    assertThat(first.continuationToken()).contains(liveNumber);
    assertThat(first.millisBehindNow()).isPresent();
    assertThat(first.serverTimestamp().orElseThrow().toEpochMilli()).isEqualTo(stored.get(0).serverMillis());
    assertThat(first.producerTimestamp().orElseThrow().toEpochMilli()).isEqualTo(10_000);
    assertThat(reader.frames).hasSize(8);
    assertThat(reader.frames.get(7).fragmentNumber()).contains(stored.get(1).number().toString());
    source.close();
  }

  @Test
  void aFragmentInProgressCarriesItsMetadataTagsInItsFirstPart() throws Exception {
    LiveTail source = reader();
    byte[] cluster = TestMkv.cluster(10_000, 1, 6, 33, FRAME_BYTES);
    send(TestMkv.concat(TestMkv.tags("motion", "yes", "site", "lab"),
        java.util.Arrays.copyOfRange(cluster, 0, cluster.length / 2)));
    assertThat(stored()).isEmpty();
    Reader reader = new Reader();
    reader.feed(drain(source));
    assertThat(reader.frames).isNotEmpty();
    assertThat(reader.frames.get(0).otherTags()).containsExactly(Map.entry("motion", "yes"), Map.entry("site", "lab"));
    // the next fragment has only what was sent for it: the persistent tag, re-sent
    send(TestMkv.concat(java.util.Arrays.copyOfRange(cluster, cluster.length / 2, cluster.length),
        TestMkv.tags("site", "lab"), TestMkv.cluster(20_000, 1, 2, 33, FRAME_BYTES)));
    reader.feed(drain(source));
    assertThat(reader.frames).hasSize(8);
    assertThat(reader.frames.get(7).otherTags()).containsExactly(Map.entry("site", "lab"));
    assertThat(reader.ended.get(0).otherTags()).containsOnlyKeys("motion", "site");
    source.close();
  }

  @Test
  void isAtTheLiveEdgeOnlyFromAFragmentsLiveHeadToItsEnd() throws Exception {
    LiveTail source = reader();
    assertThat(source.atLiveEdge()).isFalse();
    byte[] cluster = TestMkv.cluster(10_000, 1, 6, 33, FRAME_BYTES);
    send(java.util.Arrays.copyOfRange(cluster, 0, cluster.length / 2));
    assertThat(source.next().orElseThrow().starts()).isTrue();
    assertThat(source.atLiveEdge()).isTrue();
    assertThat(source.next()).isPresent(); // the blocks so far, from memory
    assertThat(source.next()).isEmpty();
    assertThat(source.atLiveEdge()).isTrue();
    send(java.util.Arrays.copyOfRange(cluster, cluster.length / 2, cluster.length));
    send(TestMkv.cluster(20_000, 1, 2, 33, FRAME_BYTES)); // completes the first, and is stored whole
    LiveTail.Part part;
    do {
      part = source.next().orElseThrow();
    } while (!part.ends());
    assertThat(source.atLiveEdge()).isFalse();
    part = source.next().orElseThrow(); // the second, read from the store
    assertThat(part.starts() && part.ends()).isTrue();
    assertThat(source.atLiveEdge()).isFalse();
    byte[] third = TestMkv.cluster(30_000, 1, 4, 33, FRAME_BYTES);
    send(java.util.Arrays.copyOfRange(third, 0, third.length / 2));
    assertThat(source.next().orElseThrow().starts()).isTrue();
    assertThat(source.atLiveEdge()).isTrue();
    source.close();
  }

  @Test
  void aFailedFragmentEndsTheResponseWithoutAContinuationToken() throws Exception {
    LiveTail source = reader();
    send(TestMkv.cluster(10_000, 1, 3, 33, FRAME_BYTES));
    byte[] cluster = TestMkv.cluster(20_000, 1, 4, 33, FRAME_BYTES);
    send(java.util.Arrays.copyOfRange(cluster, 0, cluster.length - 10));
    Reader reader = new Reader();
    reader.feed(drain(source)); // the first (complete, stored), then the second as it arrives
    String failedNumber = reader.frames.get(reader.frames.size() - 1).fragmentNumber().orElseThrow();
    assertThat(failedNumber).isNotEqualTo(stored().get(0).number().toString());

    producer.close(); // the producer goes away mid-fragment
    reader.feed(drain(source));
    assertThat(source.finished()).isTrue();
    assertThat(reader.parser.finish().truncated()).isFalse();
    assertThat(reader.ended).hasSize(2);
    FragmentMetadata failed = reader.ended.get(1);
    assertThat(failed.fragmentNumber()).contains(failedNumber);
    assertThat(failed.continuationToken()).isEmpty();
    assertThat(failed.errorCode()).contains(AckErrorCode.STREAM_READ_ERROR.name());
    assertThat(failed.errorId()).contains("4000");
    assertThat(reader.ended.get(0).continuationToken()).contains(stored().get(0).number().toString());
    assertThat(stored()).hasSize(1);
    source.close();

    // the stream goes on; the failed fragment's number is never given to another
    RequestHead head = MediaFixture.head("/putMedia", Map.of("x-amzn-stream-name", "cam",
        "x-amzn-fragment-timecode-type", "ABSOLUTE"));
    producer = new EmbeddedChannel(new PutMediaHandler(head, fixture.media));
    producer.writeInbound(MediaFixture.request(head));
    producer.runPendingTasks();
    send(TestMkv.concat(TestMkv.header(1), TestMkv.cluster(30_000, 1, 2, 33, FRAME_BYTES),
        TestMkv.cluster(31_000, 1, 2, 33, FRAME_BYTES)));
    assertThat(stored()).hasSize(3);
    assertThat(stored()).extracting(m -> m.number().toString()).doesNotContain(failedNumber);
    assertThat(stored().get(1).offset()).isEqualTo(1);
  }

  @Test
  void aRefusedFragmentEndsTheResponseWithItsError() throws Exception {
    LiveTail source = reader();
    send(TestMkv.cluster(10_000, 1, 3, 33, FRAME_BYTES));
    byte[] bad = MkvWriter.cluster(11_000, List.of(Block.of(1, 11_000, true, new byte[FRAME_BYTES]),
        Block.of(1, 11_033, false, new byte[FRAME_BYTES]), Block.of(2, 11_066, false, new byte[FRAME_BYTES])));
    send(java.util.Arrays.copyOfRange(bad, 0, bad.length - 20));
    Reader reader = new Reader();
    reader.feed(drain(source));
    assertThat(reader.frames).hasSize(5);
    send(java.util.Arrays.copyOfRange(bad, bad.length - 20, bad.length)); // track 2 is not in the header: 4010
    reader.feed(drain(source));
    assertThat(source.finished()).isTrue();
    assertThat(reader.parser.finish().truncated()).isFalse();
    assertThat(reader.ended).extracting(m -> m.errorId().orElse("-"))
        .containsExactly("-", Integer.toString(AckErrorCode.TRACK_NUMBER_MISMATCH.id()));
    assertThat(reader.ended.get(0).continuationToken()).contains(stored().get(0).number().toString());
    assertThat(reader.ended.get(1).continuationToken()).isEmpty();
    assertThat(reader.endedFrames).containsExactly(3, 2);
    assertThat(stored()).hasSize(1);
    source.close();
  }

  @Test
  void aSlowReaderFinishesItsFragmentThenReadsStoredOnesUntilItCatchesUp() throws Exception {
    LiveTail source = reader();
    byte[] first = TestMkv.cluster(10_000, 1, 5, 33, FRAME_BYTES);
    send(java.util.Arrays.copyOfRange(first, 0, first.length / 2));
    Reader reader = new Reader();
    reader.feed(source.next().orElseThrow().mkv()); // the live head only; then the reader stalls
    int lateFrames = 0;
    for (int i = 1; i <= 4; i++) { // the producer goes on, never waiting for the reader
      send(i == 1 ? java.util.Arrays.copyOfRange(first, first.length / 2, first.length)
          : TestMkv.cluster(10_000 + i * 1000L, 1, 5, 33, FRAME_BYTES));
    }
    byte[] fifth = TestMkv.cluster(15_000, 1, 3, 33, FRAME_BYTES);
    send(java.util.Arrays.copyOfRange(fifth, 0, fifth.length - 10)); // the fifth is live, two frames in
    assertThat(stored()).hasSize(4);
    assertThat(fixture.media.live().current(storage.key()).orElseThrow().number().offset()).isEqualTo(4);

    reader.feed(drain(source));
    assertThat(reader.ended).hasSize(4);
    assertThat(reader.endedFrames).containsExactly(5, 5, 5, 5);
    assertThat(reader.ended).extracting(m -> m.continuationToken().orElseThrow())
        .containsExactlyElementsOf(stored().stream().map(m -> m.number().toString()).toList());
    lateFrames = reader.frames.size() - 20;
    assertThat(lateFrames).isEqualTo(2); // and it is at the live edge again
    assertThat(reader.frames.get(20).fragmentNumber())
        .contains(fixture.media.live().current(storage.key()).orElseThrow().number().toString());
    source.close();
  }

  @Test
  void partsNameTheirFragmentAndPollWaitsForTheNextOne() throws Exception {
    LiveTail tail = reader();
    assertThat(tail.poll(java.time.Duration.ofMillis(20))).isEmpty();
    byte[] cluster = TestMkv.cluster(10_000, 1, 3, 33, FRAME_BYTES);
    send(java.util.Arrays.copyOfRange(cluster, 0, cluster.length - 10));
    LiveTail.Part head = tail.poll(java.time.Duration.ofSeconds(30)).orElseThrow();
    assertThat(head.starts()).isTrue();
    assertThat(head.ends()).isFalse();
    LiveTail.Part blocks = tail.poll(java.time.Duration.ofSeconds(30)).orElseThrow();
    assertThat(blocks.number()).isEqualTo(head.number());
    assertThat(blocks.starts() || blocks.ends()).isFalse();
    assertThat(tail.next()).isEmpty();
    send(java.util.Arrays.copyOfRange(cluster, cluster.length - 10, cluster.length));
    List<LiveTail.Part> rest = new ArrayList<>();
    tail.next().ifPresent(rest::add);
    tail.next().ifPresent(rest::add);
    assertThat(rest).extracting(LiveTail.Part::ends).containsExactly(false, true);
    assertThat(rest.get(1).number()).isEqualTo(stored().get(0).number());
    assertThat(head.producerMillis()).isEqualTo(10_000);
    send(TestMkv.cluster(20_000, 1, 2, 33, FRAME_BYTES));
    LiveTail.Part whole = tail.poll(java.time.Duration.ofSeconds(30)).orElseThrow();
    assertThat(whole.starts() && whole.ends()).isTrue(); // stored by the time it was read
    assertThat(whole.number()).isEqualTo(stored().get(1).number());
    tail.close();
  }

  @Test
  void anInProcessReaderGoesOnAfterAFailedFragment() throws Exception {
    LiveTail tail = reader(false);
    byte[] cluster = TestMkv.cluster(10_000, 1, 4, 33, FRAME_BYTES);
    send(java.util.Arrays.copyOfRange(cluster, 0, cluster.length - 10));
    Reader reader = new Reader();
    reader.feed(drain(tail));
    producer.close(); // the producer goes away mid-fragment
    reader.feed(drain(tail));
    assertThat(tail.finished()).isFalse();
    RequestHead head = MediaFixture.head("/putMedia", Map.of("x-amzn-stream-name", "cam",
        "x-amzn-fragment-timecode-type", "ABSOLUTE"));
    producer = new EmbeddedChannel(new PutMediaHandler(head, fixture.media));
    producer.writeInbound(MediaFixture.request(head));
    producer.runPendingTasks();
    send(TestMkv.concat(TestMkv.header(1), TestMkv.cluster(30_000, 1, 2, 33, FRAME_BYTES)));
    reader.feed(drain(tail));
    assertThat(reader.parser.finish().truncated()).isFalse();
    assertThat(reader.ended).hasSize(2);
    assertThat(reader.ended.get(0).errorId()).contains("4000");
    assertThat(reader.ended.get(1).continuationToken()).contains(stored().get(0).number().toString());
    assertThat(reader.endedFrames).containsExactly(3, 2);
    tail.close();
  }
}
