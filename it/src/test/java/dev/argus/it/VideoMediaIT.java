package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.GetMediaForFragmentListResponse;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideomedia.model.GetMediaResponse;
import software.amazon.awssdk.services.kinesisvideomedia.model.StartSelectorType;

/**
 * PutMedia with a raw chunked-HTTP client, then every reader through the unmodified SDK v2
 * clients, and GetMedia's output read by the AWS KVS parser library.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VideoMediaIT {
  private static final String STREAM = "media-cam";
  /** Blocks per cluster of clusters.mkv (testdata/kvs/README). */
  private static final List<Integer> FRAMES = List.of(59, 59, 59, 59, 59, 59, 59, 31);

  @TempDir
  static Path dataDir;

  private static ArgusProcess argus;
  private static KinesisVideoClient kvs;
  private static KinesisVideoMediaClient media;
  private static KinesisVideoArchivedMediaClient archived;
  private static byte[] clusters;
  private static long startMillis;
  private static List<String> numbers = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    argus = ArgusProcess.start(dataDir);
    kvs = Clients.kinesisVideo(argus.endpoint());
    media = Clients.kinesisVideoMedia(argus.endpoint());
    archived = Clients.kinesisVideoArchivedMedia(argus.endpoint());
    clusters = Files.readAllBytes(Path.of(System.getProperty("argus.testdata"), "kvs", "clusters.mkv"));
    kvs.createStream(r -> r.streamName(STREAM).dataRetentionInHours(24));
  }

  @AfterAll
  static void stop() throws Exception {
    Clients.closeAll(kvs, media, archived, argus);
  }

  private static PutMediaClient.Result put(String stream, byte[] body, long startMillis, int chunk)
      throws Exception {
    try (PutMediaClient client = PutMediaClient.start(argus.endpoint(), Map.of("x-amzn-stream-name", stream,
        "x-amzn-fragment-timecode-type", "RELATIVE",
        "x-amzn-producer-start-timestamp", String.format("%d.%03d", startMillis / 1000, startMillis % 1000)))) {
      client.sendAll(body, chunk);
      return client.result();
    }
  }

  @Test
  @Order(1)
  void putMediaAcknowledgesEveryFragment() throws Exception {
    startMillis = System.currentTimeMillis() - 60_000;
    PutMediaClient.Result result = put(STREAM, clusters, startMillis, 16 * 1024);
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.acks("ERROR")).isEmpty();
    List<JsonNode> buffering = result.acks("BUFFERING");
    assertThat(buffering).hasSize(8);
    for (JsonNode start : buffering) {
      long timecode = start.get("FragmentTimecode").asLong();
      List<JsonNode> mine = result.acks().stream()
          .filter(a -> a.has("FragmentTimecode") && a.get("FragmentTimecode").asLong() == timecode).toList();
      assertThat(mine).extracting(a -> a.get("EventType").asText())
          .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
      assertThat(mine.get(1).get("FragmentNumber").isTextual()).isTrue();
      assertThat(mine.get(2).get("FragmentNumber").asText()).isEqualTo(mine.get(1).get("FragmentNumber").asText());
      numbers.add(mine.get(1).get("FragmentNumber").asText());
    }
    assertThat(numbers).hasSize(8).isSorted().doesNotHaveDuplicates();
  }

  @Test
  @Order(2)
  void listFragmentsPagesThroughTheRange() {
    List<Fragment> all = archived.listFragmentsPaginator(r -> r.streamName(STREAM).maxResults(3L)
        .fragmentSelector(s -> s.fragmentSelectorType(FragmentSelectorType.SERVER_TIMESTAMP)
            .timestampRange(t -> t.startTimestamp(Instant.now().minusSeconds(3600)).endTimestamp(Instant.now()))))
        .fragments().stream().toList();
    assertThat(all).extracting(Fragment::fragmentNumber).containsExactlyElementsOf(numbers);
    assertThat(all).allMatch(f -> f.fragmentSizeInBytes() > 0 && f.fragmentLengthInMilliseconds() > 0);
    List<Fragment> early = archived.listFragments(r -> r.streamName(STREAM)
        .fragmentSelector(s -> s.fragmentSelectorType(FragmentSelectorType.PRODUCER_TIMESTAMP)
            .timestampRange(t -> t.startTimestamp(Instant.ofEpochMilli(startMillis))
                .endTimestamp(Instant.ofEpochMilli(startMillis + 4000))))).fragments();
    assertThat(early).extracting(Fragment::fragmentNumber).containsExactlyElementsOf(numbers.subList(0, 3));
    assertThat(early.get(1).producerTimestamp()).isEqualTo(Instant.ofEpochMilli(startMillis + 1999));
  }

  @Test
  @Order(3)
  void getMediaForFragmentListReturnsThemInTheGivenOrder() throws Exception {
    List<String> wanted = List.of(numbers.get(7), numbers.get(0), numbers.get(3));
    ResponseBytes<GetMediaForFragmentListResponse> bytes = archived.getMediaForFragmentList(
        r -> r.streamName(STREAM).fragments(wanted), ResponseTransformer.toBytes());
    List<KvsParserReader.Fragment> read = KvsParserReader.read(bytes.asInputStream(), 3);
    assertThat(read).extracting(KvsParserReader.Fragment::number).containsExactlyElementsOf(wanted);
    assertThat(read).extracting(KvsParserReader.Fragment::frames).containsExactly(31, 59, 59);
  }

  @Test
  @Order(4)
  void getMediaFromEarliestIsReadableByTheKvsParserLibrary() throws Exception {
    try (ResponseInputStream<GetMediaResponse> in = media.getMedia(r -> r.streamName(STREAM)
        .startSelector(s -> s.startSelectorType(StartSelectorType.EARLIEST)))) {
      assertThat(in.response().contentType()).isEqualTo("video/webm");
      List<KvsParserReader.Fragment> read = KvsParserReader.read(in, 8);
      assertThat(read).extracting(KvsParserReader.Fragment::number).containsExactlyElementsOf(numbers);
      assertThat(read).extracting(KvsParserReader.Fragment::frames).containsExactlyElementsOf(FRAMES);
      assertThat(read.get(0).producerMillis()).isEqualTo(startMillis);
      in.abort();
    }
  }

  @Test
  @Order(5)
  void getMediaTailsLiveFragmentsAndLimitsReaders() throws Exception {
    ResponseInputStream<GetMediaResponse> live = media.getMedia(r -> r.streamName(STREAM)
        .startSelector(s -> s.startSelectorType(StartSelectorType.NOW)));
    List<ResponseInputStream<GetMediaResponse>> others = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        others.add(media.getMedia(r -> r.streamName(STREAM).startSelector(s -> s.startSelectorType(
            StartSelectorType.NOW))));
      }
      assertThatThrownBy(() -> media.getMedia(r -> r.streamName(STREAM)
          .startSelector(s -> s.startSelectorType(StartSelectorType.NOW))))
          .isInstanceOf(ClientLimitExceededException.class);
      PutMediaClient.Result second = put(STREAM, clusters, System.currentTimeMillis(), 64 * 1024);
      assertThat(second.acks("PERSISTED")).hasSize(8);
      List<String> expected = second.acks("PERSISTED").stream().map(a -> a.get("FragmentNumber").asText()).toList();
      List<KvsParserReader.Fragment> read = KvsParserReader.read(live, 8);
      assertThat(read).extracting(KvsParserReader.Fragment::number).containsExactlyElementsOf(expected);
    } finally {
      live.abort();
      for (ResponseInputStream<GetMediaResponse> other : others) {
        other.abort();
      }
    }
  }

  @Test
  @Order(6)
  void badInputGetsTheRightErrorAndTheStreamStaysUsable() throws Exception {
    kvs.createStream(r -> r.streamName("bad-cam").dataRetentionInHours(1));
    byte[] garbage = new byte[10_000];
    new java.util.Random(9).nextBytes(garbage);
    garbage[0] = 0;
    PutMediaClient.Result refused = put("bad-cam", garbage, System.currentTimeMillis(), 1000);
    assertThat(refused.acks("ERROR")).hasSize(1);
    assertThat(refused.acks("ERROR").get(0).get("ErrorId").asInt()).isEqualTo(4006);
    byte[] truncated = java.util.Arrays.copyOf(clusters, clusters.length / 2);
    PutMediaClient.Result cut = put("bad-cam", truncated, System.currentTimeMillis(), 8192);
    assertThat(cut.acks("ERROR")).extracting(a -> a.get("ErrorId").asInt()).containsExactly(4006);
    int whole = cut.acks("PERSISTED").size();
    assertThat(whole).isBetween(3, 4);
    PutMediaClient.Result good = put("bad-cam", clusters, System.currentTimeMillis() + 60_000, 65536);
    assertThat(good.acks("PERSISTED")).hasSize(8);
    assertThat(archived.listFragments(r -> r.streamName("bad-cam")).fragments()).hasSize(whole + 8);
    PutMediaClient.Result unknown = put("no-such-cam", clusters, System.currentTimeMillis(), 65536);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.headers().get("x-amzn-errortype")).isEqualTo("ResourceNotFoundException");
  }


  @Test
  @Order(7)
  void getMediaForwardsAFragmentsFramesWhileItArrives() throws Exception {
    int second = indexOf(clusters, CLUSTER_ID, indexOf(clusters, CLUSTER_ID, 0) + 1);
    int midFirst = second / 2;
    long start = System.currentTimeMillis();
    String stream = "live-edge-cam";
    kvs.createStream(r -> r.streamName(stream).dataRetentionInHours(24));
    ResponseInputStream<GetMediaResponse> live = media.getMedia(r -> r.streamName(stream)
        .startSelector(s -> s.startSelectorType(StartSelectorType.NOW)));
    ExecutorService readerThread = Executors.newSingleThreadExecutor();
    try (PutMediaClient client = PutMediaClient.start(argus.endpoint(), Map.of("x-amzn-stream-name", stream,
        "x-amzn-fragment-timecode-type", "RELATIVE",
        "x-amzn-producer-start-timestamp", String.format("%d.%03d", start / 1000, start % 1000)))) {
      AtomicInteger framesSeen = new AtomicInteger();
      CompletableFuture<String> firstFrames = new CompletableFuture<>();
      Future<List<KvsParserReader.Fragment>> reading = readerThread.submit(() -> KvsParserReader.read(live, 8,
          number -> {
            if (framesSeen.incrementAndGet() == 5) {
              firstFrames.complete(number);
            }
          }));
      client.send(clusters, 0, midFirst); // half of the first fragment: it is not complete
      String liveNumber = firstFrames.get(60, TimeUnit.SECONDS);
      assertThat(reading.isDone()).isFalse();
      client.send(clusters, midFirst, clusters.length);
      client.end();
      PutMediaClient.Result result = client.result();
      assertThat(result.acks("ERROR")).isEmpty();
      List<String> persisted = result.acks("PERSISTED").stream().map(a -> a.get("FragmentNumber").asText()).toList();
      assertThat(persisted).hasSize(8);
      assertThat(liveNumber).isEqualTo(persisted.get(0));
      List<KvsParserReader.Fragment> read = reading.get(60, TimeUnit.SECONDS);
      assertThat(read).extracting(KvsParserReader.Fragment::number).containsExactlyElementsOf(persisted);
      assertThat(read).extracting(KvsParserReader.Fragment::frames).containsExactlyElementsOf(FRAMES);
      assertThat(read.get(0).producerMillis()).isEqualTo(start);
      List<Fragment> listed = archived.listFragments(r -> r.streamName(stream).fragmentSelector(f -> f
          .fragmentSelectorType(FragmentSelectorType.SERVER_TIMESTAMP).timestampRange(t -> t
              .startTimestamp(Instant.ofEpochMilli(start - 60_000)).endTimestamp(Instant.now().plusSeconds(60)))))
          .fragments();
      Map<String, Long> serverMillis = new java.util.HashMap<>();
      listed.forEach(f -> serverMillis.put(f.fragmentNumber(), f.serverTimestamp().toEpochMilli()));
      for (KvsParserReader.Fragment fragment : read) {
        assertThat(fragment.serverMillis()).isEqualTo(serverMillis.get(fragment.number()));
      }
    } finally {
      live.abort();
      readerThread.shutdownNow();
    }
  }

  private static final byte[] CLUSTER_ID = {0x1F, 0x43, (byte) 0xB6, 0x75};

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found");
  }
}
