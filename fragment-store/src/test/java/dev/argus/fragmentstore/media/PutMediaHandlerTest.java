package dev.argus.fragmentstore.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.TimestampKind;
import dev.argus.fragmentstore.store.StreamStorage;
import dev.argus.parser.write.Block;
import dev.argus.parser.write.MkvWriter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PutMediaHandlerTest {
  private static final long START_MILLIS = 1_700_000_000_000L;
  @TempDir Path dir;
  private MediaFixture fixture;

  @BeforeEach
  void open() throws Exception {
    fixture = new MediaFixture(dir);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private EmbeddedChannel put(String stream) {
    RequestHead head = MediaFixture.head("/putMedia", Map.of("x-amzn-stream-name", stream,
        "x-amzn-fragment-timecode-type", "RELATIVE", "x-amzn-producer-start-timestamp", "1700000000.000"));
    EmbeddedChannel channel = new EmbeddedChannel(new PutMediaHandler(head, fixture.media));
    channel.writeInbound(MediaFixture.request(head));
    channel.runPendingTasks();
    return channel;
  }

  private static void send(EmbeddedChannel channel, byte[] body, int chunk, boolean last) {
    for (int i = 0; i < body.length && channel.isOpen(); i += chunk) {
      int end = Math.min(body.length, i + chunk);
      channel.writeInbound(MediaFixture.content(body, i, end, last && end == body.length));
      channel.runPendingTasks();
    }
  }

  private StreamStorage storage(StreamInfo info) throws Exception {
    return fixture.store.open(info);
  }

  @Test
  void clustersMkvGetsEveryAckInOrderAndIsStored() throws Exception {
    StreamInfo info = fixture.createStream("cam", 24);
    EmbeddedChannel channel = put("cam");
    send(channel, TestMkv.clustersMkv(), 100_000, true);
    fixture.flush();
    channel.runPendingTasks();
    MediaFixture.Written written = MediaFixture.drain(channel);
    assertThat(written.head().status().code()).isEqualTo(200);
    assertThat(written.ended()).isTrue();
    List<JsonNode> acks = written.acks();
    List<Long> timecodes = acks.stream().filter(a -> a.get("EventType").asText().equals("BUFFERING"))
        .map(a -> a.get("FragmentTimecode").asLong()).toList();
    assertThat(timecodes).hasSize(8).startsWith(0L, 1999L, 3999L).endsWith(13997L).isSorted();
    for (long timecode : timecodes) {
      List<String> types = new ArrayList<>();
      String number = null;
      for (JsonNode ack : acks) {
        if (ack.path("FragmentTimecode").asLong(-1) == timecode) {
          types.add(ack.get("EventType").asText());
          if (ack.has("FragmentNumber")) {
            assertThat(ack.get("FragmentNumber").isTextual()).isTrue();
            assertThat(number == null || number.equals(ack.get("FragmentNumber").asText())).isTrue();
            number = ack.get("FragmentNumber").asText();
          }
        }
      }
      assertThat(types).as("acks of fragment at %d", timecode).containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
    }
    assertThat(acks).hasSize(24).allMatch(a -> a.has("FragmentNumber")); // BUFFERING too, as KVS's
    StreamStorage storage = storage(info);
    List<FragmentMeta> stored = storage.query(i -> i.range(TimestampKind.SERVER_TIMESTAMP, 0, Long.MAX_VALUE, null, 100));
    assertThat(stored).extracting(FragmentMeta::frameCount).containsExactlyElementsOf(TestMkv.CLUSTERS_MKV_FRAMES);
    assertThat(stored).extracting(FragmentMeta::producerMillis)
        .containsExactlyElementsOf(timecodes.stream().map(t -> START_MILLIS + t).toList());
    assertThat(stored).extracting(m -> m.number().toString()).isSorted();
    assertThat(channel.pipeline().get(PutMediaHandler.class)).isNull();
  }

  @Test
  void decreasingTimecodeIsError4004AndTheStreamStaysUsable() throws Exception {
    StreamInfo info = fixture.createStream("cam", 24);
    EmbeddedChannel channel = put("cam");
    byte[] body = TestMkv.concat(TestMkv.header(1), TestMkv.cluster(5000, 1, 10, 100, 10),
        TestMkv.cluster(4000, 1, 10, 100, 10), TestMkv.cluster(9000, 1, 10, 100, 10));
    send(channel, body, 50, false);
    fixture.flush();
    channel.runPendingTasks();
    List<JsonNode> acks = MediaFixture.drain(channel).acks();
    JsonNode error = acks.stream().filter(a -> a.get("EventType").asText().equals("ERROR")).findFirst().orElseThrow();
    assertThat(error.get("ErrorId").asInt()).isEqualTo(4004);
    assertThat(error.get("FragmentTimecode").asLong()).isEqualTo(4000);
    assertThat(acks).filteredOn(a -> a.path("FragmentTimecode").asLong() == 5000)
        .extracting(a -> a.get("EventType").asText()).containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
    assertThat(acks).filteredOn(a -> a.path("FragmentTimecode").asLong() == 4000)
        .extracting(a -> a.get("EventType").asText()).containsExactly("BUFFERING", "ERROR");
    assertThat(acks).hasSize(5);
    assertThat(channel.isOpen()).isFalse();
    assertThat(storage(info).fragmentCount()).isEqualTo(1);

    EmbeddedChannel again = put("cam");
    send(again, TestMkv.concat(TestMkv.header(1), TestMkv.cluster(9000, 1, 10, 100, 10)), 1000, true);
    fixture.flush();
    again.runPendingTasks();
    assertThat(MediaFixture.drain(again).acks()).extracting(a -> a.get("EventType").asText())
        .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
    assertThat(storage(info).fragmentCount()).isEqualTo(2);
  }

  /** A body that breaks one rule after {@code storedBefore} good fragments. */
  record Offence(String name, int errorId, String errorCode, int storedBefore, byte[] body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Offence> offences() {
    byte[] good = TestMkv.cluster(0, 1, 5, 33, 10);
    long tooLate = FragmentAssembler.MAX_PRODUCER_MILLIS - START_MILLIS + 1;
    byte[] bothTracks = MkvWriter.cluster(0, List.of(Block.of(1, 0, true, new byte[10]), Block.of(2, 10, true, new byte[4])));
    return List.of(
        new Offence("four tracks", 4005, "MORE_THAN_ALLOWED_TRACKS_FOUND", 0,
            TestMkv.concat(TestMkv.header(1, 2, 3, 4), good)),
        new Offence("producer time after year 9999", 4007, "INVALID_PRODUCER_TIMESTAMP", 1,
            TestMkv.concat(TestMkv.header(1), good, TestMkv.cluster(tooLate, 1, 5, 33, 10))),
        new Offence("eleven metadata tags", 4009, "FRAGMENT_METADATA_LIMIT_REACHED", 1,
            TestMkv.concat(TestMkv.header(1), good, TestMkv.metadata("tag", 11), TestMkv.cluster(1000, 1, 5, 33, 10))),
        new Offence("no frame of track 2", 4011, "FRAMES_MISSING_FOR_TRACK", 1,
            TestMkv.concat(TestMkv.header(1, 2), bothTracks, TestMkv.cluster(1000, 1, 5, 33, 10))),
        new Offence("reserved metadata name", 4012, "INVALID_FRAGMENT_METADATA", 1,
            TestMkv.concat(TestMkv.header(1), good, TestMkv.tags("AWS_KINESISVIDEO_FRAGMENT_NUMBER", "1"),
                TestMkv.cluster(1000, 1, 5, 33, 10))));
  }

  @ParameterizedTest
  @MethodSource("offences")
  void eachRuleGivesItsErrorStoresNothingHalfAndTheStreamStaysUsable(Offence offence) throws Exception {
    StreamInfo info = fixture.createStream("cam", 24);
    EmbeddedChannel channel = put("cam");
    send(channel, offence.body(), 37, false);
    fixture.flush();
    channel.runPendingTasks();
    List<JsonNode> acks = MediaFixture.drain(channel).acks();
    JsonNode error = acks.stream().filter(a -> a.get("EventType").asText().equals("ERROR")).findFirst().orElseThrow();
    assertThat(error.get("ErrorId").asInt()).isEqualTo(offence.errorId());
    assertThat(error.get("ErrorCode").asText()).isEqualTo(offence.errorCode());
    assertThat(acks).filteredOn(a -> a.get("EventType").asText().equals("ERROR")).hasSize(1);
    assertThat(acks).filteredOn(a -> a.get("EventType").asText().equals("PERSISTED")).hasSize(offence.storedBefore());
    assertThat(channel.isOpen()).isFalse();
    assertThat(storage(info).fragmentCount()).isEqualTo(offence.storedBefore());
    assertRecovers(info, offence.storedBefore());
  }

  /** A new connection with a valid fragment gets all its acks and the fragment is stored. */
  private void assertRecovers(StreamInfo info, int storedBefore) throws Exception {
    EmbeddedChannel again = put("cam");
    send(again, TestMkv.concat(TestMkv.header(1), TestMkv.cluster(90_000, 1, 10, 100, 10)), 1000, true);
    fixture.flush();
    again.runPendingTasks();
    assertThat(MediaFixture.drain(again).acks()).extracting(a -> a.get("EventType").asText())
        .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
    assertThat(storage(info).fragmentCount()).isEqualTo(storedBefore + 1);
  }

  @Test
  void aConnectionPastItsMaximumDurationIsError4003() throws Exception {
    StreamInfo info = fixture.createStream("cam", 24);
    RequestHead head = MediaFixture.head("/putMedia", Map.of("x-amzn-stream-name", "cam",
        "x-amzn-fragment-timecode-type", "RELATIVE", "x-amzn-producer-start-timestamp", "1700000000.000"));
    EmbeddedChannel channel = new EmbeddedChannel(new PutMediaHandler(head, fixture.media, 3));
    channel.writeInbound(MediaFixture.request(head));
    channel.runPendingTasks();
    send(channel, TestMkv.header(1), 1000, false);
    for (int second = 0; second < 3 && channel.isOpen(); second++) {
      send(channel, TestMkv.cluster(second * 1000L, 1, 5, 33, 10), 1000, false);
      fixture.flush();
      channel.runPendingTasks();
      channel.advanceTimeBy(1, java.util.concurrent.TimeUnit.SECONDS);
      channel.runScheduledPendingTasks();
    }
    channel.runPendingTasks();
    List<JsonNode> acks = MediaFixture.drain(channel).acks();
    JsonNode error = acks.stream().filter(a -> a.get("EventType").asText().equals("ERROR")).findFirst().orElseThrow();
    assertThat(error.get("ErrorId").asInt()).isEqualTo(4003);
    assertThat(error.get("ErrorCode").asText()).isEqualTo("MAX_CONNECTION_DURATION_REACHED");
    assertThat(acks).filteredOn(a -> a.get("EventType").asText().equals("PERSISTED")).hasSize(3);
    assertThat(channel.isOpen()).isFalse();
    assertThat(storage(info).fragmentCount()).isEqualTo(3);
    assertRecovers(info, 3);
  }

  @Test
  void garbageIsError4006AndStoresNothing() throws Exception {
    StreamInfo info = fixture.createStream("cam", 24);
    EmbeddedChannel channel = put("cam");
    byte[] garbage = new byte[4000];
    new java.util.Random(3).nextBytes(garbage);
    garbage[0] = 0;
    send(channel, garbage, 1000, true);
    List<JsonNode> acks = MediaFixture.drain(channel).acks();
    assertThat(acks).hasSize(1);
    assertThat(acks.get(0).get("ErrorId").asInt()).isEqualTo(4006);
    assertThat(storage(info).fragmentCount()).isZero();
  }

  @Test
  void disconnectMidFragmentStoresNothingHalf() throws Exception {
    StreamInfo info = fixture.createStream("cam", 24);
    EmbeddedChannel channel = put("cam");
    byte[] body = TestMkv.clustersMkv();
    send(channel, Arrays.copyOf(body, body.length / 2), 10_000, false);
    int stored = storage(info).fragmentCount();
    channel.close();
    assertThat(stored).isBetween(3, 4);
    assertThat(storage(info).fragmentCount()).isEqualTo(stored);
    // the connection slot was given back
    EmbeddedChannel next = put("cam");
    assertThat(MediaFixture.drain(next).head().status().code()).isEqualTo(200);
  }

  @Test
  void secondConnectionIsRefusedAndUnknownStreamIsNotFound() {
    fixture.createStream("cam", 24);
    EmbeddedChannel first = put("cam");
    assertThat(MediaFixture.drain(first).head().status().code()).isEqualTo(200);
    EmbeddedChannel second = put("cam");
    HttpResponse refused = MediaFixture.drain(second).head();
    assertThat(refused.status().code()).isEqualTo(400);
    assertThat(refused.headers().get("x-amzn-ErrorType")).isEqualTo("ConnectionLimitExceededException");
    EmbeddedChannel unknown = put("nope");
    HttpResponse missing = MediaFixture.drain(unknown).head();
    assertThat(missing.status().code()).isEqualTo(404);
    assertThat(missing.headers().get("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void deletingTheStreamMidPutIsError4008() throws Exception {
    StreamInfo info = fixture.createStream("doomed", 24);
    EmbeddedChannel channel = put("doomed");
    send(channel, TestMkv.concat(TestMkv.header(1), TestMkv.cluster(0, 1, 5, 33, 10)), 1000, false);
    StreamStorage storage = storage(info);
    fixture.catalog.delete(info.arn(), null);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!storage.isClosed() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    send(channel, TestMkv.concat(TestMkv.cluster(1000, 1, 5, 33, 10), TestMkv.cluster(2000, 1, 5, 33, 10)), 1000,
        false);
    channel.runPendingTasks();
    List<JsonNode> acks = MediaFixture.drain(channel).acks();
    JsonNode error = acks.get(acks.size() - 1);
    assertThat(error.get("EventType").asText()).isEqualTo("ERROR");
    assertThat(error.get("ErrorId").asInt()).isEqualTo(4008);
    assertThat(error.get("ErrorCode").asText()).isEqualTo("STREAM_NOT_ACTIVE");
  }

  @Test
  void streamCanBeNamedByArn() throws Exception {
    StreamInfo info = fixture.createStream("by-arn", 24);
    RequestHead head = MediaFixture.head("/putMedia", Map.of("x-amzn-stream-arn", info.arn().toString(),
        "x-amzn-fragment-timecode-type", "ABSOLUTE"));
    EmbeddedChannel channel = new EmbeddedChannel(new PutMediaHandler(head, fixture.media));
    channel.writeInbound(MediaFixture.request(head));
    channel.runPendingTasks();
    send(channel, TestMkv.concat(TestMkv.header(1), TestMkv.cluster(1_700_000_000_000L, 1, 3, 33, 10)), 500, true);
    fixture.flush();
    channel.runPendingTasks();
    assertThat(MediaFixture.drain(channel).acks()).extracting(a -> a.get("EventType").asText())
        .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
    assertThat(storage(info).query(i -> i.last()).orElseThrow().producerMillis()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void zeroRetentionStopsAtReceived() throws Exception {
    fixture.createStream("live", 0);
    EmbeddedChannel channel = put("live");
    send(channel, TestMkv.concat(TestMkv.header(1), TestMkv.cluster(0, 1, 5, 33, 10)), 1000, true);
    fixture.flush();
    channel.runPendingTasks();
    MediaFixture.Written written = MediaFixture.drain(channel);
    assertThat(written.acks()).extracting(a -> a.get("EventType").asText()).containsExactly("BUFFERING", "RECEIVED");
    assertThat(written.ended()).isTrue();
  }

  @Test
  void silenceSendsIdleAcksThenEndsTheRequest() throws Exception {
    fixture.createStream("cam", 24);
    EmbeddedChannel channel = put("cam");
    send(channel, TestMkv.header(1), 1000, false);
    for (int second = 0; second < PutMediaHandler.DEFAULT_SILENCE_TIMEOUT_SECONDS; second++) {
      channel.advanceTimeBy(1, java.util.concurrent.TimeUnit.SECONDS);
      channel.runScheduledPendingTasks();
    }
    channel.runPendingTasks();
    MediaFixture.Written written = MediaFixture.drain(channel);
    List<JsonNode> acks = written.acks();
    assertThat(acks).isNotEmpty().allMatch(a -> a.get("EventType").asText().equals("IDLE"));
    assertThat(acks.size()).isBetween(8, 10);
    assertThat(written.ended()).isTrue();
  }
}
