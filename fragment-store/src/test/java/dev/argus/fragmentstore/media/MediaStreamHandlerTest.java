package dev.argus.fragmentstore.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.awshttp.api.RequestHead;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.TimestampKind;
import dev.argus.parser.kvs.FragmentListener;
import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.kvs.FragmentVisitor;
import dev.argus.parser.kvs.KvsTags;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvParser;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetMedia and GetMediaForFragmentList through {@link MediaStreamHandler}, over a real store. */
class MediaStreamHandlerTest {
  @TempDir Path dir;
  private MediaFixture fixture;
  private VideoMediaApi api;
  private List<FragmentMeta> stored;

  @BeforeEach
  void fill() throws Exception {
    fixture = new MediaFixture(dir);
    api = new VideoMediaApi(fixture.catalog, fixture.store, fixture.inline, java.time.Clock.systemUTC());
    StreamInfo info = fixture.createStream("cam", 24);
    put(TestMkv.clustersMkv());
    stored = fixture.store.open(info).query(i -> i.range(TimestampKind.SERVER_TIMESTAMP, 0, Long.MAX_VALUE, null, 100));
    assertThat(stored).hasSize(8);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private void put(byte[] body) {
    put("cam", body);
  }

  private void put(String stream, byte[] body) {
    RequestHead head = MediaFixture.head("/putMedia", Map.of("x-amzn-stream-name", stream,
        "x-amzn-fragment-timecode-type", "ABSOLUTE"));
    EmbeddedChannel channel = new EmbeddedChannel(new PutMediaHandler(head, fixture.media));
    channel.writeInbound(MediaFixture.request(head));
    channel.runPendingTasks();
    channel.writeInbound(MediaFixture.content(body, 0, body.length, true));
    channel.runPendingTasks();
    fixture.flush();
    channel.runPendingTasks();
  }

  private EmbeddedChannel read(String path, String json) {
    return read(api, path, json);
  }

  private static EmbeddedChannel read(VideoMediaApi api, String path, String json) {
    RequestHead head = MediaFixture.head(path, Map.of("Content-Type", "application/json"));
    EmbeddedChannel channel = new EmbeddedChannel(
        ((io.netty.channel.ChannelHandler) ((dev.argus.awshttp.api.StreamingOperation) api.resolve(head).orElseThrow())
            .newHandler(head)));
    channel.writeInbound(MediaFixture.request(head));
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    channel.writeInbound(MediaFixture.content(body, 0, body.length, true));
    channel.runPendingTasks();
    return channel;
  }

  /** A fragment as a KVS-style reader sees it. */
  record Read(FragmentMetadata metadata, int frames) {
  }

  static List<Read> parse(byte[] body) {
    List<Read> reads = new ArrayList<>();
    MkvParser parser = new MkvParser(new FragmentVisitor(new FragmentListener() {
      @Override
      public void onFrame(Frame frame, FragmentMetadata fragment) {
      }

      @Override
      public void onFragmentEnd(FragmentMetadata fragment, int frames) {
        reads.add(new Read(fragment, frames));
      }
    }));
    parser.feed(ByteBuffer.wrap(body));
    assertThat(parser.finish().truncated()).isFalse();
    return reads;
  }

  private List<String> numbers(int from, int to) {
    return stored.subList(from, to).stream().map(m -> m.number().toString()).toList();
  }

  @Test
  void getMediaFromEarliestThenLive() {
    EmbeddedChannel channel = read("/getMedia", "{\"StreamName\":\"cam\",\"StartSelector\":{\"StartSelectorType\":\"EARLIEST\"}}");
    MediaFixture.Written written = MediaFixture.drain(channel);
    assertThat(written.head().status().code()).isEqualTo(200);
    assertThat(written.head().headers().get("Content-Type")).isEqualTo("video/webm");
    assertThat(written.ended()).isFalse();
    List<Read> reads = parse(written.body());
    assertThat(reads).extracting(r -> r.metadata().fragmentNumber().orElseThrow()).containsExactlyElementsOf(numbers(0, 8));
    assertThat(reads).extracting(Read::frames).containsExactlyElementsOf(TestMkv.CLUSTERS_MKV_FRAMES);
    for (int i = 0; i < 8; i++) {
      FragmentMetadata metadata = reads.get(i).metadata();
      assertThat(metadata.continuationToken()).contains(stored.get(i).number().toString());
      assertThat(metadata.millisBehindNow()).isPresent();
      assertThat(metadata.serverTimestamp().orElseThrow().toEpochMilli()).isEqualTo(stored.get(i).serverMillis());
      assertThat(metadata.producerTimestamp().orElseThrow().toEpochMilli()).isEqualTo(stored.get(i).producerMillis());
    }
    put(TestMkv.concat(TestMkv.header(1), TestMkv.cluster(20_000, 1, 4, 33, 10)));
    channel.runPendingTasks();
    List<Read> live = parse(MediaFixture.drain(channel).body());
    assertThat(live).hasSize(1);
    assertThat(live.get(0).frames()).isEqualTo(4);
  }

  @Test
  void getMediaAfterFragmentNumberAndWithContinuationToken() {
    String third = stored.get(2).number().toString();
    EmbeddedChannel after = read("/getMedia", "{\"StreamName\":\"cam\",\"StartSelector\":{\"StartSelectorType\":"
        + "\"FRAGMENT_NUMBER\",\"AfterFragmentNumber\":\"" + third + "\"}}");
    assertThat(parse(MediaFixture.drain(after).body())).extracting(r -> r.metadata().fragmentNumber().orElseThrow())
        .containsExactlyElementsOf(numbers(3, 8));
    after.close();
    EmbeddedChannel token = read("/getMedia", "{\"StreamName\":\"cam\",\"StartSelector\":{\"StartSelectorType\":"
        + "\"CONTINUATION_TOKEN\",\"ContinuationToken\":\"" + stored.get(6).number() + "\"}}");
    assertThat(parse(MediaFixture.drain(token).body())).extracting(r -> r.metadata().fragmentNumber().orElseThrow())
        .containsExactlyElementsOf(numbers(7, 8));
  }

  @Test
  void getMediaNowWaitsForNewFragments() {
    EmbeddedChannel channel = read("/getMedia", "{\"StreamName\":\"cam\",\"StartSelector\":{\"StartSelectorType\":\"NOW\"}}");
    assertThat(MediaFixture.drain(channel).body()).isEmpty();
    put(TestMkv.concat(TestMkv.header(1), TestMkv.cluster(30_000, 1, 2, 33, 10)));
    channel.runPendingTasks();
    assertThat(parse(MediaFixture.drain(channel).body())).hasSize(1);
  }

  @Test
  void liveFramesGoOutOnTheEventLoopWithoutWaitingForAWorker() {
    Deque<Runnable> readerTasks = new ArrayDeque<>();
    VideoMediaApi held = new VideoMediaApi(fixture.catalog, fixture.store, fixture.inline, readerTasks::add,
        java.time.Clock.systemUTC(), new LiveFeeds());
    EmbeddedChannel reader = read(held, "/getMedia", "{\"StreamName\":\"cam\",\"StartSelector\":{\"StartSelectorType\":\"NOW\"}}");
    runAll(readerTasks, reader);
    assertThat(MediaFixture.drain(reader).body()).isEmpty();
    RequestHead head = MediaFixture.head("/putMedia", Map.of("x-amzn-stream-name", "cam",
        "x-amzn-fragment-timecode-type", "ABSOLUTE"));
    EmbeddedChannel producer = new EmbeddedChannel(((io.netty.channel.ChannelHandler)
        ((dev.argus.awshttp.api.StreamingOperation) held.resolve(head).orElseThrow()).newHandler(head)));
    producer.writeInbound(MediaFixture.request(head));
    producer.runPendingTasks();
    byte[] body = TestMkv.concat(TestMkv.header(1), TestMkv.cluster(40_000, 1, 6, 33, 1000));
    int half = body.length - 3 * 1000;
    producer.writeInbound(MediaFixture.content(body, 0, half, false));
    producer.runPendingTasks();
    runAll(readerTasks, reader); // the fragment began: a worker starts the reader on it
    List<Frame> frames = new ArrayList<>();
    MkvParser parser = new MkvParser(event -> {
      if (event instanceof Frame frame) {
        frames.add(frame);
      }
    });
    parser.feed(ByteBuffer.wrap(MediaFixture.drain(reader).body()));
    assertThat(frames).hasSizeBetween(1, 5);
    producer.writeInbound(MediaFixture.content(body, half, body.length, false));
    producer.runPendingTasks();
    reader.runPendingTasks(); // no reader task runs: the frames and the fragment's end come anyway
    parser.feed(ByteBuffer.wrap(MediaFixture.drain(reader).body()));
    assertThat(frames).hasSize(6);
    assertThat(frames.get(5).timecode()).isEqualTo(40_000 + 5 * 33);
  }

  private static void runAll(Deque<Runnable> tasks, EmbeddedChannel channel) {
    channel.runPendingTasks();
    while (!tasks.isEmpty()) {
      tasks.poll().run();
      channel.runPendingTasks();
    }
  }

  @Test
  void aFourthReaderIsRefusedUntilOneLeaves() {
    String json = "{\"StreamName\":\"cam\",\"StartSelector\":{\"StartSelectorType\":\"NOW\"}}";
    List<EmbeddedChannel> readers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      readers.add(read("/getMedia", json));
      assertThat(MediaFixture.drain(readers.get(i)).head().status().code()).isEqualTo(200);
    }
    HttpResponse refused = MediaFixture.drain(read("/getMedia", json)).head();
    assertThat(refused.headers().get("x-amzn-ErrorType")).isEqualTo("ClientLimitExceededException");
    readers.get(0).close();
    assertThat(MediaFixture.drain(read("/getMedia", json)).head().status().code()).isEqualTo(200);
  }

  @Test
  void badSelectorsAreAwsErrors() {
    HttpResponse noSuch = MediaFixture.drain(read("/getMedia",
        "{\"StreamName\":\"cam\",\"StartSelector\":{\"StartSelectorType\":\"FRAGMENT_NUMBER\",\"AfterFragmentNumber\":\"1"
            + "0".repeat(46) + "\"}}")).head();
    assertThat(noSuch.headers().get("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
    HttpResponse malformed = MediaFixture.drain(read("/getMedia",
        "{\"StreamName\":\"cam\",\"StartSelector\":{\"StartSelectorType\":\"FRAGMENT_NUMBER\",\"AfterFragmentNumber\":\"12\"}}"))
        .head();
    assertThat(malformed.headers().get("x-amzn-ErrorType")).isEqualTo("InvalidArgumentException");
    HttpResponse unknownType = MediaFixture.drain(read("/getMedia",
        "{\"StreamName\":\"cam\",\"StartSelector\":{\"StartSelectorType\":\"SOMETIME\"}}")).head();
    assertThat(unknownType.headers().get("x-amzn-ErrorType")).isEqualTo("InvalidArgumentException");
  }

  @Test
  void fragmentListComesInTheGivenOrderAndEnds() {
    List<String> wanted = List.of(numbers(5, 6).get(0), numbers(1, 2).get(0), numbers(7, 8).get(0));
    EmbeddedChannel channel = read("/getMediaForFragmentList", "{\"StreamName\":\"cam\",\"Fragments\":[\""
        + String.join("\",\"", wanted) + "\"]}");
    MediaFixture.Written written = MediaFixture.drain(channel);
    assertThat(written.ended()).isTrue();
    List<Read> reads = parse(written.body());
    assertThat(reads).extracting(r -> r.metadata().fragmentNumber().orElseThrow()).containsExactlyElementsOf(wanted);
    assertThat(reads).extracting(Read::frames).containsExactly(59, 59, 31);
    assertThat(reads.get(0).metadata().continuationToken()).isEmpty();
    HttpResponse missing = MediaFixture.drain(read("/getMediaForFragmentList",
        "{\"StreamName\":\"cam\",\"Fragments\":[\"1" + "0".repeat(46) + "\"]}")).head();
    assertThat(missing.headers().get("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void anOpenGopClusterWithANegativeBlockTimecodeComesBackByteForByte() {
    fixture.createStream("gop", 24);
    byte[] openGop = TestMkv.withRelativeTimecode(TestMkv.clustersMkv(), 1, 1, (short) -20);
    put("gop", openGop);
    byte[] all = MediaFixture.drain(read("/getMedia",
        "{\"StreamName\":\"gop\",\"StartSelector\":{\"StartSelectorType\":\"EARLIEST\"}}")).body();
    List<Read> reads = parse(all);
    assertThat(reads).extracting(Read::frames).containsExactlyElementsOf(TestMkv.CLUSTERS_MKV_FRAMES);
    assertThat(reads.get(1).metadata().producerTimestamp().orElseThrow().toEpochMilli()).isEqualTo(1999);
    String second = reads.get(1).metadata().fragmentNumber().orElseThrow();
    byte[] chunk = MediaFixture.drain(read("/getMediaForFragmentList",
        "{\"StreamName\":\"gop\",\"Fragments\":[\"" + second + "\"]}")).body();
    List<Long> timecodes = new ArrayList<>();
    MkvParser parser = new MkvParser(e -> {
      if (e instanceof Frame f) {
        timecodes.add(f.timecode());
      } else if (e instanceof MkvEvent.ClusterStart c) {
        // the stored cluster's data is the producer's, byte for byte
        assertThat(FragmentAssemblerTest.indexOf(openGop, java.util.Arrays.copyOfRange(chunk, (int) c.dataOffset(),
            (int) (c.dataOffset() + c.size())))).isPositive();
      }
    });
    parser.feed(ByteBuffer.wrap(chunk));
    assertThat(parser.finish().truncated()).isFalse();
    assertThat(timecodes).hasSize(59);
    assertThat(timecodes.subList(0, 2)).containsExactly(1999L, 1979L);
  }

  @Test
  void metadataTagsComeBackInTheTagsBeforeTheirFragmentsCluster() throws Exception {
    StreamInfo info = fixture.createStream("tagged", 24);
    // "motion" is non-persistent (sent once, before the first fragment); "site" is persistent (the
    // producer SDK re-sends it before every fragment)
    put("tagged", TestMkv.concat(TestMkv.header(1), TestMkv.tags("site", "lab", "motion", "true"),
        TestMkv.cluster(1000, 1, 3, 10, 10), TestMkv.tags("site", "lab"), TestMkv.cluster(2000, 1, 3, 10, 10),
        TestMkv.cluster(3000, 1, 3, 10, 10)));
    List<String> numbers = fixture.store.open(info)
        .query(i -> i.range(TimestampKind.SERVER_TIMESTAMP, 0, Long.MAX_VALUE, null, 100)).stream()
        .map(m -> m.number().toString()).toList();
    assertThat(numbers).hasSize(3);
    List<Map<String, String>> expected = List.of(Map.of("site", "lab", "motion", "true"), Map.of("site", "lab"),
        Map.of());

    byte[] getMedia = MediaFixture.drain(read("/getMedia",
        "{\"StreamName\":\"tagged\",\"StartSelector\":{\"StartSelectorType\":\"EARLIEST\"}}")).body();
    List<Read> reads = parse(getMedia);
    assertThat(reads).extracting(r -> r.metadata().fragmentNumber().orElseThrow()).containsExactlyElementsOf(numbers);
    assertThat(reads).extracting(r -> r.metadata().otherTags()).containsExactlyElementsOf(expected);
    assertTagsPrecedeTheirCluster(getMedia, numbers, expected);

    byte[] list = MediaFixture.drain(read("/getMediaForFragmentList", "{\"StreamName\":\"tagged\",\"Fragments\":[\""
        + numbers.get(2) + "\",\"" + numbers.get(0) + "\"]}")).body();
    assertThat(parse(list)).extracting(r -> r.metadata().otherTags())
        .containsExactly(expected.get(2), expected.get(0));
    assertTagsPrecedeTheirCluster(list, List.of(numbers.get(2), numbers.get(0)), List.of(expected.get(2),
        expected.get(0)));
  }

  /**
   * Each chunk's producer tags are in their own Tags elements after Tracks and before the Tags
   * element with AWS_KINESISVIDEO_FRAGMENT_NUMBER that precedes the Cluster (the layout of a real
   * KVS capture's first chunk, see {@link MkvChunks}); no Tags after a Cluster has any.
   */
  private static void assertTagsPrecedeTheirCluster(byte[] body, List<String> numbers,
      List<Map<String, String>> expected) {
    List<MkvEvent> events = new ArrayList<>();
    MkvParser parser = new MkvParser(events::add);
    parser.feed(ByteBuffer.wrap(body));
    parser.finish();
    List<Map<String, String>> perChunk = new ArrayList<>();
    Map<String, String> user = new java.util.LinkedHashMap<>();
    Map<String, String> lastTags = Map.of();
    boolean afterCluster = false;
    for (MkvEvent event : events) {
      if (event instanceof MkvEvent.Tracks) {
        afterCluster = false;
        user = new java.util.LinkedHashMap<>();
      } else if (event instanceof MkvEvent.Tags tags) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        tags.tags().forEach(t -> t.simpleTags().forEach(st -> names.put(st.name(), st.value())));
        if (afterCluster) {
          assertThat(names.keySet()).allMatch(n -> n.startsWith("AWS_KINESISVIDEO_"));
        } else if (!names.containsKey(KvsTags.FRAGMENT_NUMBER)) {
          assertThat(names).hasSize(1);
          user.putAll(names);
        }
        lastTags = names;
      } else if (event instanceof MkvEvent.ClusterStart) {
        assertThat(lastTags.get(KvsTags.FRAGMENT_NUMBER)).isEqualTo(numbers.get(perChunk.size()));
        assertThat(lastTags.keySet()).allMatch(n -> n.startsWith("AWS_KINESISVIDEO_"));
        perChunk.add(user);
        afterCluster = true;
      }
    }
    assertThat(perChunk).containsExactlyElementsOf(expected);
  }
}
