package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.datastream.lease.MutableClock;
import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.HashKeys;
import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataStreamEngineTest {

  @TempDir
  Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private DataStreamEngine engine;

  private EngineConfig config(boolean limits) {
    return EngineConfig.defaults().withClock(clock).withShardLimits(limits)
        .withDeleteDelay(Duration.ZERO);
  }

  @BeforeEach
  void open() throws IOException {
    engine = DataStreamEngine.open(dir, config(false));
  }

  @AfterEach
  void close() throws IOException {
    engine.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private PutOutcome.Stored put(String stream, String key, String data) {
    return engine.putRecord(stream, PutEntry.of(key, bytes(data))).join();
  }

  private List<StreamRecord> readAll(String stream, ShardId shard) {
    String iterator = engine.getShardIterator(stream, shard, IteratorType.TRIM_HORIZON, null, null);
    List<StreamRecord> out = new ArrayList<>();
    while (iterator != null) {
      RecordBatch batch = engine.getRecords(iterator, 10_000);
      out.addAll(batch.records());
      if (batch.records().isEmpty()) {
        break;
      }
      iterator = batch.nextShardIterator();
    }
    return out;
  }

  @Test
  void createsStreamsWithEvenShardsAndArns() {
    StreamInfo info = engine.createStream("orders", 3, null, Map.of("team", "a"));
    assertThat(info.status()).isEqualTo(StreamStatus.ACTIVE);
    assertThat(info.shards()).extracting(s -> s.id().toString())
        .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
    assertThat(info.shards()).extracting(ShardInfo::hashKeyRange).isEqualTo(HashKeys.split(HashKeyRange.ALL, 3));
    assertThat(engine.streamArn("orders")).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
    assertThat(engine.describeStream("arn:aws:kinesis:us-east-1:000000000000:stream/orders")).isEqualTo(info);
    assertThat(engine.describeStream("orders").tags()).containsEntry("team", "a");
    assertThatThrownBy(() -> engine.createStream("orders", 1, null, null)).isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> engine.createStream("bad name", 1, null, null)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> engine.createStream("x", 0, null, null)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> engine.createStream("x", null, StreamMode.PROVISIONED, null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> engine.describeStream("arn:aws:kinesis:eu-west-1:000000000000:stream/orders"))
        .isInstanceOf(StreamNotFoundException.class);
    assertThat(engine.createStream("auto", null, StreamMode.ON_DEMAND, null).shards()).hasSize(4);
  }

  @Test
  void openShardLimitIsEnforced() throws IOException {
    engine.close();
    engine = DataStreamEngine.open(dir, config(false).withMaxOpenShards(5));
    engine.createStream("a", 4, null, null);
    assertThatThrownBy(() -> engine.createStream("b", 2, null, null)).isInstanceOf(LimitExceededException.class);
    engine.splitShard("a", new ShardId(0), BigInteger.TEN.pow(20));
    assertThatThrownBy(() -> engine.splitShard("a", new ShardId(1), BigInteger.ONE.shiftLeft(126).add(BigInteger.TEN)))
        .isInstanceOf(LimitExceededException.class);
  }

  @Test
  void listStreamsPages() {
    for (String name : List.of("c", "a", "b", "d")) {
      engine.createStream(name, 1, null, null);
    }
    StreamPage first = engine.listStreams(null, 3);
    assertThat(first.streams()).extracting(StreamInfo::name).containsExactly("a", "b", "c");
    assertThat(first.hasMore()).isTrue();
    StreamPage second = engine.listStreams("c", 3);
    assertThat(second.streams()).extracting(StreamInfo::name).containsExactly("d");
    assertThat(second.hasMore()).isFalse();
  }

  @Test
  void routesByPartitionKeyMd5OrExplicitHashKey() {
    engine.createStream("s", 4, null, null);
    List<HashKeyRange> ranges = HashKeys.split(HashKeyRange.ALL, 4);
    for (int i = 0; i < 40; i++) {
      String key = "key-" + i;
      PutOutcome.Stored stored = put("s", key, "v" + i);
      assertThat(ranges.get(stored.shard().index()).contains(HashKeys.ofPartitionKey(key))).isTrue();
    }
    PutOutcome.Stored explicit = engine.putRecord("s", new PutEntry("k", bytes("x"), HashKeyRange.MAX_KEY.toString())).join();
    assertThat(explicit.shard()).isEqualTo(new ShardId(3));
    assertThatThrownBy(() -> engine.putRecord("s", new PutEntry("k", bytes("x"), "abc")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> engine.putRecord("s", new PutEntry("k", bytes("x"), HashKeyRange.MAX_KEY.add(BigInteger.ONE).toString())))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void putLimitsAreEachTheirException() {
    engine.createStream("s", 1, null, null);
    assertThatThrownBy(() -> put("s", "", "x")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> put("s", "k".repeat(257), "x")).isInstanceOf(ValidationException.class);
    put("s", "k".repeat(256), "x");
    assertThatThrownBy(() -> engine.putRecord("s", PutEntry.of("k", new byte[1 << 20])))
        .isInstanceOf(ValidationException.class);
    engine.putRecord("s", PutEntry.of("k", new byte[(1 << 20) - 1])).join();
    List<PutEntry> tooMany = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      tooMany.add(PutEntry.of("k", bytes("x")));
    }
    assertThatThrownBy(() -> engine.putRecords("s", tooMany)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> engine.putRecords("s", List.of())).isInstanceOf(ValidationException.class);
    List<PutEntry> tooBig = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tooBig.add(PutEntry.of("k", new byte[1000_000]));
    }
    assertThatThrownBy(() -> engine.putRecords("s", tooBig)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> put("nope", "k", "x")).isInstanceOf(StreamNotFoundException.class);
  }

  @Test
  void recordsReadBackInOrderWithArrivalTimesAndIncreasingNumbers() {
    engine.createStream("s", 1, null, null);
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      numbers.add(put("s", "k" + i, "v" + i).sequenceNumber().toString());
      clock.advance(Duration.ofMillis(10));
    }
    assertThat(numbers).isSorted().doesNotHaveDuplicates();
    List<StreamRecord> records = readAll("s", new ShardId(0));
    assertThat(records).extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "v" + i).toList());
    assertThat(records.get(3).partitionKey()).isEqualTo("k3");
    assertThat(records.get(3).arrivalMillis()).isEqualTo(Instant.parse("2026-11-25T10:00:00.030Z").toEpochMilli());
    assertThat(records).extracting(r -> r.sequenceNumber().toString()).containsExactlyElementsOf(numbers);
  }

  @Test
  void iteratorTypesStartWhereTheyShould() {
    engine.createStream("s", 1, null, null);
    ShardId shard = new ShardId(0);
    List<SequenceNumber> numbers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      numbers.add(put("s", "k", "v" + i).sequenceNumber());
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(first("s", IteratorType.AT_SEQUENCE_NUMBER, numbers.get(2).toString(), null)).isEqualTo("v2");
    assertThat(first("s", IteratorType.AFTER_SEQUENCE_NUMBER, numbers.get(2).toString(), null)).isEqualTo("v3");
    assertThat(first("s", IteratorType.TRIM_HORIZON, null, null)).isEqualTo("v0");
    String start = engine.describeStream("s").shards().get(0).startingSequenceNumber().toString();
    assertThat(first("s", IteratorType.AFTER_SEQUENCE_NUMBER, start, null)).isEqualTo("v0");
    assertThat(first("s", IteratorType.AT_SEQUENCE_NUMBER, start, null)).isEqualTo("v0");
    assertThat(first("s", IteratorType.AT_TIMESTAMP, null, Instant.parse("2026-11-25T10:00:01.500Z"))).isEqualTo("v2");
    String latest = engine.getShardIterator("s", shard, IteratorType.LATEST, null, null);
    assertThat(engine.getRecords(latest, 10).records()).isEmpty();
    put("s", "k", "after");
    assertThat(engine.getRecords(latest, 10).records()).extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
        .containsExactly("after");
    String foreign = SequenceNumber.ofRecord(new ShardId(1), 0).toString();
    assertThatThrownBy(() -> engine.getShardIterator("s", shard, IteratorType.AT_SEQUENCE_NUMBER, foreign, null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> engine.getShardIterator("s", shard, IteratorType.AT_SEQUENCE_NUMBER, "12345", null))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> engine.getShardIterator("s", new ShardId(9), IteratorType.LATEST, null, null))
        .isInstanceOf(StreamNotFoundException.class);
  }

  private String first(String stream, IteratorType type, String number, Instant at) {
    String iterator = engine.getShardIterator(stream, new ShardId(0), type, number, at);
    return new String(engine.getRecords(iterator, 1).records().get(0).data(), StandardCharsets.UTF_8);
  }

  @Test
  void getRecordsHonoursLimitAndReportsHowFarBehind() {
    engine.createStream("s", 1, null, null);
    for (int i = 0; i < 10; i++) {
      put("s", "k", "v" + i);
    }
    clock.advance(Duration.ofSeconds(3));
    RecordBatch batch = engine.getRecords(engine.getShardIterator("s", new ShardId(0), IteratorType.TRIM_HORIZON, null, null), 4);
    assertThat(batch.records()).hasSize(4);
    assertThat(batch.millisBehindLatest()).isEqualTo(3000);
    RecordBatch rest = engine.getRecords(batch.nextShardIterator(), 100);
    assertThat(rest.records()).hasSize(6);
    assertThat(rest.millisBehindLatest()).isZero();
    assertThat(rest.nextShardIterator()).isNotNull();
    assertThatThrownBy(() -> engine.getRecords(rest.nextShardIterator(), 0)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> engine.getRecords(rest.nextShardIterator(), 10_001)).isInstanceOf(ValidationException.class);
  }

  @Test
  void iteratorsExpireAfterFiveMinutesAndDieWithTheirStream() {
    engine.createStream("s", 1, null, null);
    String iterator = engine.getShardIterator("s", new ShardId(0), IteratorType.TRIM_HORIZON, null, null);
    clock.advance(Duration.ofMinutes(5).plusMillis(1));
    assertThatThrownBy(() -> engine.getRecords(iterator, 1)).isInstanceOf(ExpiredIteratorException.class);
    String fresh = engine.getShardIterator("s", new ShardId(0), IteratorType.TRIM_HORIZON, null, null);
    assertThatThrownBy(() -> engine.getRecords(fresh + "x", 1)).isInstanceOf(InvalidArgumentException.class);
    engine.deleteStream("s", false);
    assertThatThrownBy(() -> engine.getRecords(fresh, 1)).isInstanceOf(StreamNotFoundException.class);
  }

  @Test
  void splitClosesTheParentWhoseEndLeadsToItsChildren() {
    engine.createStream("s", 1, null, null);
    put("s", "a", "before");
    engine.splitShard("s", new ShardId(0), BigInteger.ONE.shiftLeft(127));
    StreamInfo info = engine.describeStream("s");
    assertThat(info.shards().get(0).endingSequenceNumber()).isEqualTo(SequenceNumber.ofRecord(new ShardId(0), 0));
    assertThat(info.openShards()).extracting(ShardInfo::parent).containsOnly(new ShardId(0));
    PutOutcome.Stored after = put("s", "a", "after");
    assertThat(after.shard().index()).isIn(1, 2);
    RecordBatch end = engine.getRecords(engine.getShardIterator("s", new ShardId(0), IteratorType.TRIM_HORIZON, null, null), 100);
    assertThat(end.records()).extracting(r -> new String(r.data(), StandardCharsets.UTF_8)).containsExactly("before");
    assertThat(end.nextShardIterator()).isNull();
    assertThat(end.childShards()).extracting(ChildShard::shard).containsExactly(new ShardId(1), new ShardId(2));
    assertThat(end.childShards().get(0).parents()).containsExactly(new ShardId(0));
    assertThat(readAll("s", after.shard())).extracting(r -> new String(r.data(), StandardCharsets.UTF_8)).containsExactly("after");
  }

  @Test
  void mergeAndUpdateShardCount() {
    engine.createStream("s", 4, null, null);
    assertThatThrownBy(() -> engine.mergeShards("s", new ShardId(0), new ShardId(2))).isInstanceOf(InvalidArgumentException.class);
    engine.mergeShards("s", new ShardId(1), new ShardId(0));
    ShardInfo merged = engine.describeStream("s").shards().get(4);
    assertThat(merged.parent()).isEqualTo(new ShardId(1));
    assertThat(merged.adjacentParent()).isEqualTo(new ShardId(0));
    assertThat(engine.updateShardCount("s", 6)).isEqualTo(3);
    assertThat(engine.describeStream("s").openShards()).hasSize(6);
    assertThatThrownBy(() -> engine.updateShardCount("s", 13)).isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> engine.updateShardCount("s", 2)).isInstanceOf(LimitExceededException.class);
  }

  @Test
  void listShardsFilters() {
    engine.createStream("s", 2, null, null);
    clock.advance(Duration.ofMinutes(1));
    engine.splitShard("s", new ShardId(0), BigInteger.TEN);
    long afterSplit = clock.millis();
    assertThat(ids(engine.listShards("s", null, null))).containsExactly(0, 1, 2, 3);
    assertThat(ids(engine.listShards("s", new ShardId(1), null))).containsExactly(2, 3);
    assertThat(ids(engine.listShards("s", null, new ShardFilter(ShardFilter.Type.AT_LATEST, null, null)))).containsExactly(1, 2, 3);
    assertThat(ids(engine.listShards("s", null, new ShardFilter(ShardFilter.Type.AT_TRIM_HORIZON, null, null)))).containsExactly(0, 1);
    assertThat(ids(engine.listShards("s", null, new ShardFilter(ShardFilter.Type.FROM_TRIM_HORIZON, null, null)))).containsExactly(0, 1, 2, 3);
    assertThat(ids(engine.listShards("s", null, new ShardFilter(ShardFilter.Type.AFTER_SHARD_ID, new ShardId(2), null)))).containsExactly(3);
    assertThat(ids(engine.listShards("s", null, new ShardFilter(ShardFilter.Type.AT_TIMESTAMP, null, afterSplit - 1000)))).containsExactly(0, 1);
    assertThat(ids(engine.listShards("s", null, new ShardFilter(ShardFilter.Type.FROM_TIMESTAMP, null, afterSplit)))).containsExactly(1, 2, 3);
  }

  private static List<Integer> ids(List<ShardInfo> shards) {
    return shards.stream().map(s -> s.id().index()).toList();
  }

  @Test
  void tagsAddListAndRemove() {
    engine.createStream("s", 1, null, null);
    engine.addTags("s", Map.of("b", "2", "a", "1"));
    engine.removeTags("s", List.of("a"));
    assertThat(engine.describeStream("s").tags()).containsExactly(Map.entry("b", "2"));
    Map<String, String> many = new java.util.HashMap<>();
    for (int i = 0; i < 50; i++) {
      many.put("t" + i, "v");
    }
    assertThatThrownBy(() -> engine.addTags("s", many)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void retentionChangesAreCheckedAndDropOldSegments() {
    engine.createStream("s", 1, null, null);
    assertThatThrownBy(() -> engine.increaseRetention("s", 23)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> engine.increaseRetention("s", 8761)).isInstanceOf(InvalidArgumentException.class);
    engine.increaseRetention("s", 48);
    assertThatThrownBy(() -> engine.increaseRetention("s", 30)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> engine.decreaseRetention("s", 72)).isInstanceOf(InvalidArgumentException.class);
    put("s", "k", "old");
    clock.advance(Duration.ofHours(30));
    put("s", "k", "new");
    engine.applyRetention();
    assertThat(readAll("s", new ShardId(0))).hasSize(2); // 48 h keeps both
    engine.decreaseRetention("s", 24);
    assertThat(readAll("s", new ShardId(0))).extracting(r -> new String(r.data(), StandardCharsets.UTF_8)).containsExactly("new");
    assertThat(engine.describeStream("s").retentionHours()).isEqualTo(24);
  }

  @Test
  void deletedStreamsAreDeletingThenGone() throws Exception {
    engine.close();
    engine = DataStreamEngine.open(dir, config(false).withDeleteDelay(Duration.ofMillis(200)));
    engine.createStream("s", 1, null, null);
    engine.registerConsumer("s", "c1");
    assertThatThrownBy(() -> engine.deleteStream("s", false)).isInstanceOf(ResourceInUseException.class);
    engine.deleteStream("s", true);
    assertThat(engine.describeStream("s").status()).isEqualTo(StreamStatus.DELETING);
    assertThatThrownBy(() -> put("s", "k", "x")).isInstanceOf(StreamNotFoundException.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (engine.listStreams(null, 10).streams().size() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThatThrownBy(() -> engine.describeStream("s")).isInstanceOf(StreamNotFoundException.class);
    engine.createStream("s", 2, null, null); // the name is free again, with empty shards
    assertThat(readAll("s", new ShardId(0))).isEmpty();
  }

  /**
   * A deleted stream's logs leave their place at once and are freed in the background; a stream
   * still DELETING when the engine stopped (here: stopped before the delay ran out) is freed on the
   * next start. Nothing is left under {@code logs/} or in the trash.
   */
  @Test
  void deletedStreamsFilesAreFreedNowOrOnTheNextStart() throws Exception {
    engine.createStream("now", 2, null, null);
    put("now", "k", "x");
    engine.deleteStream("now", false);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!engine.listStreams(null, 10).streams().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(engine.awaitDeletions(30, TimeUnit.SECONDS)).isTrue();
    assertThat(entries(dir.resolve("logs"))).isEmpty();
    assertThat(entries(dir.resolve("trash"))).isEmpty();

    engine.close();
    engine = DataStreamEngine.open(dir, config(false).withDeleteDelay(Duration.ofHours(1)));
    engine.createStream("later", 1, null, null);
    put("later", "k", "x");
    engine.deleteStream("later", false);
    engine.close(); // an hour too early: the stream stays DELETING, its logs in place
    assertThat(entries(dir.resolve("logs"))).hasSize(1);
    engine = DataStreamEngine.open(dir, config(false));
    assertThatThrownBy(() -> engine.describeStream("later")).isInstanceOf(StreamNotFoundException.class);
    assertThat(engine.awaitDeletions(30, TimeUnit.SECONDS)).isTrue();
    assertThat(entries(dir.resolve("logs"))).isEmpty();
    assertThat(entries(dir.resolve("trash"))).isEmpty();
  }

  private static List<Path> entries(Path directory) throws IOException {
    try (var list = Files.list(directory)) {
      return list.toList();
    }
  }

  @Test
  void consumersRegisterOnceAndDeregister() {
    engine.createStream("s", 1, null, null);
    ConsumerInfo consumer = engine.registerConsumer("s", "app");
    assertThat(consumer.arn(engine.streamArn("s"))).startsWith("arn:aws:kinesis:us-east-1:000000000000:stream/s/consumer/app:");
    assertThatThrownBy(() -> engine.registerConsumer("s", "app")).isInstanceOf(ResourceInUseException.class);
    engine.deregisterConsumer("s", "app");
    assertThatThrownBy(() -> engine.consumer("s", "app")).isInstanceOf(StreamNotFoundException.class);
  }

  @Test
  void everythingSurvivesARestart() throws IOException {
    engine.createStream("s", 2, null, Map.of("k", "v"));
    engine.registerConsumer("s", "app");
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      numbers.add(put("s", "k" + i, "v" + i).sequenceNumber().toString());
    }
    engine.splitShard("s", new ShardId(1), HashKeys.midpoint(HashKeys.split(HashKeyRange.ALL, 2).get(1)));
    String iterator = engine.getShardIterator("s", new ShardId(0), IteratorType.TRIM_HORIZON, null, null);
    StreamInfo before = engine.describeStream("s");
    engine.close();
    engine = DataStreamEngine.open(dir, config(false));
    assertThat(engine.describeStream("s")).isEqualTo(before);
    assertThat(engine.getRecords(iterator, 100).records()).isNotEmpty(); // the iterator key persisted
    List<String> read = new ArrayList<>();
    for (ShardInfo shard : before.shards()) {
      readAll("s", shard.id()).forEach(r -> read.add(r.sequenceNumber().toString()));
    }
    assertThat(read).containsExactlyInAnyOrderElementsOf(numbers);
    PutOutcome.Stored next = put("s", "k0", "again");
    assertThat(numbers).doesNotContain(next.sequenceNumber().toString());
  }

  /**
   * Batches over {@link dev.argus.log.LogConfig#DEFAULT_DIRECT_APPEND_BYTES} go to the shard's log
   * with direct I/O, smaller ones through the page cache; interleaved on one shard, every record
   * reads back byte for byte, before and after a restart, and the shard takes writes after it.
   */
  @Test
  void largeAndSmallBatchesInterleavedReadBackAcrossARestart() throws IOException {
    engine.createStream("s", 1, null, null);
    java.util.Random random = new java.util.Random(11);
    List<byte[]> written = new ArrayList<>();
    for (int round = 0; round < 6; round++) {
      int records = round % 2 == 0 ? 5 : 1 + random.nextInt(3); // 5 x 60 KiB: past the threshold
      List<PutEntry> batch = new ArrayList<>();
      for (int i = 0; i < records; i++) {
        byte[] data = new byte[round % 2 == 0 ? 60 * 1024 + random.nextInt(100) : 1 + random.nextInt(300)];
        random.nextBytes(data);
        batch.add(PutEntry.of("k", data));
        written.add(data);
      }
      assertThat(engine.putRecords("s", batch).join()).allMatch(o -> o instanceof PutOutcome.Stored);
    }
    assertThat(readAll("s", new ShardId(0))).extracting(StreamRecord::data).containsExactlyElementsOf(written);
    engine.close();
    engine = DataStreamEngine.open(dir, config(false));
    assertThat(readAll("s", new ShardId(0))).extracting(StreamRecord::data).containsExactlyElementsOf(written);
    written.add(bytes("after the restart"));
    put("s", "k", "after the restart");
    assertThat(readAll("s", new ShardId(0))).extracting(StreamRecord::data).containsExactlyElementsOf(written);
  }

  @Test
  void provisionedBudgetsThrottleWritesAndReads() throws IOException {
    engine.close();
    engine = DataStreamEngine.open(dir, config(true));
    engine.createStream("s", 1, null, null);
    List<PutEntry> batch = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      batch.add(PutEntry.of("k" + i, new byte[10]));
    }
    assertThat(engine.putRecords("s", batch).join()).allMatch(o -> o instanceof PutOutcome.Stored);
    assertThat(engine.putRecords("s", batch).join()).allMatch(o -> o instanceof PutOutcome.Stored);
    List<PutOutcome> third = engine.putRecords("s", batch).join();
    assertThat(third).allMatch(o -> o instanceof PutOutcome.Failed f && f.errorCode().equals("ProvisionedThroughputExceededException"));
    assertThatThrownBy(() -> engine.putRecord("s", PutEntry.of("k", new byte[1])).join())
        .hasCauseInstanceOf(ThroughputExceededException.class);
    clock.advance(Duration.ofSeconds(1));
    engine.putRecord("s", PutEntry.of("k", new byte[1])).join();
    String iterator = engine.getShardIterator("s", new ShardId(0), IteratorType.TRIM_HORIZON, null, null);
    for (int i = 0; i < 5; i++) {
      engine.getRecords(iterator, 1);
    }
    assertThatThrownBy(() -> engine.getRecords(iterator, 1)).isInstanceOf(ThroughputExceededException.class);
    clock.advance(Duration.ofMillis(200));
    assertThat(engine.getRecords(iterator, 1).records()).hasSize(1);
  }

  @Test
  void onDemandSplitsAShardThatStaysHot() throws Exception {
    engine.close();
    engine = DataStreamEngine.open(dir, config(true));
    engine.createStream("s", null, StreamMode.ON_DEMAND, null);
    List<PutEntry> hot = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      hot.add(new PutEntry("k", new byte[10], "0"));
    }
    for (int second = 0; second < 3; second++) {
      for (int i = 0; i < 3; i++) {
        engine.putRecords("s", hot).join();
      }
      clock.advance(Duration.ofSeconds(1));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (engine.describeStream("s").shards().size() == 4 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    StreamInfo info = engine.describeStream("s");
    assertThat(info.shards()).hasSize(6);
    assertThat(info.shards().get(0).isOpen()).isFalse();
    assertThat(info.openShards()).hasSize(5);
  }

  @Test
  void updateStreamModeSwitchesCapacityMode() {
    engine.createStream("s", 2, null, null);
    engine.updateStreamMode(engine.streamArn("s"), StreamMode.ON_DEMAND);
    assertThat(engine.describeStream("s").mode()).isEqualTo(StreamMode.ON_DEMAND);
  }
}
