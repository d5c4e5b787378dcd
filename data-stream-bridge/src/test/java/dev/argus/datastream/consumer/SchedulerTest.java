package dev.argus.datastream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.datastream.aggregation.AggregatedRecord;
import dev.argus.datastream.aggregation.RecordAggregator;
import dev.argus.datastream.aggregation.UserRecord;
import dev.argus.datastream.consumer.RecordingProcessor.Delivery;
import dev.argus.datastream.consumer.RecordingProcessor.Event;
import dev.argus.datastream.lease.HttpLeaseStore;
import dev.argus.datastream.lease.InMemoryLeaseStore;
import dev.argus.datastream.lease.Lease;
import dev.argus.datastream.lease.LeaseStore;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Schedulers in this JVM against the real Kinesis engine and lease API over loopback: sharing,
 * failover after a crash, resharding, clean shutdown, starting positions and aggregation.
 */
class SchedulerTest {

  private static final Duration FAILOVER = Duration.ofMillis(1500);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  private LocalArgus argus;
  private final List<Scheduler> schedulers = new ArrayList<>();
  private final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
  private final Queue<Event> events = new ConcurrentLinkedQueue<>();
  private final Map<String, Integer> putPerKey = new LinkedHashMap<>();

  @BeforeEach
  void start() throws Exception {
    argus = new LocalArgus(dir);
  }

  @AfterEach
  void stop() throws Exception {
    schedulers.forEach(Scheduler::crash);
    argus.close();
  }

  private ConsumerConfig config(String stream, String worker, InitialPosition position) {
    return ConsumerConfig.withFailover(stream, worker, position, FAILOVER)
        .withShardSyncInterval(Duration.ofMillis(300)).withIdleBetweenReads(Duration.ofMillis(20));
  }

  private Scheduler worker(String stream, String worker, LeaseStore store, InitialPosition position) {
    Scheduler scheduler = new Scheduler(config(stream, worker, position), argus.kinesis, store,
        RecordingProcessor.factory(worker, deliveries, events), Clock.systemUTC(), new Random(worker.hashCode()));
    schedulers.add(scheduler);
    scheduler.start();
    return scheduler;
  }

  /** Puts {@code count} records over {@code keys} keys; data "key:n" numbers each key's records. */
  private void put(String stream, int count, int keys) {
    List<PutRecordsRequestEntry> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = "key-" + (i % keys);
      int n = putPerKey.merge(key, 1, Integer::sum) - 1;
      batch.add(PutRecordsRequestEntry.builder().partitionKey(key)
          .data(SdkBytes.fromString(key + ":" + n, StandardCharsets.UTF_8)).build());
      if (batch.size() == 500 || i == count - 1) {
        assertThat(argus.kinesis.putRecords(b -> b.streamName(stream).records(batch)).failedRecordCount()).isZero();
        batch.clear();
      }
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  private boolean allDelivered() {
    return deliveries.stream().map(Delivery::data).distinct().count()
        == putPerKey.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Asserts no record was lost and each key's records were first delivered in put order;
   * returns how many deliveries were repeats.
   */
  private long assertCompleteAndOrdered() {
    Map<String, List<Integer>> firstSeen = new HashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    long duplicates = 0;
    for (Delivery d : deliveries) {
      if (!seen.add(d.data())) {
        duplicates++;
        continue;
      }
      String[] parts = d.data().split(":");
      assertThat(parts[0]).isEqualTo(d.partitionKey());
      firstSeen.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
    }
    assertThat(firstSeen.keySet()).isEqualTo(putPerKey.keySet());
    putPerKey.forEach((key, count) -> assertThat(firstSeen.get(key)).as("first deliveries of %s", key)
        .isEqualTo(java.util.stream.IntStream.range(0, count).boxed().toList()));
    return duplicates;
  }

  @Test
  void twoWorkersSplitTheShardsAndProcessEveryRecordInKeyOrder() throws Exception {
    argus.createStream("s", 4);
    put("s", 1_000, 20);
    InMemoryLeaseStore store = new InMemoryLeaseStore();
    Scheduler a = worker("s", "a", store, InitialPosition.trimHorizon());
    Scheduler b = worker("s", "b", store, InitialPosition.trimHorizon());
    put("s", 1_000, 20);

    await("every record is delivered", this::allDelivered);
    await("the shards are split two and two", () -> a.heldShards().size() == 2 && b.heldShards().size() == 2);

    assertCompleteAndOrdered();
    // Repeats come only from a lease that changed hands while its records were being processed
    // (b stealing from a, the processor's last checkpoint behind what it was given).
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.Set<String> repeatedShards = deliveries.stream().filter(d -> !seen.add(d.data()))
        .map(Delivery::shardId).collect(java.util.stream.Collectors.toSet());
    java.util.Set<String> lostShards = events.stream().filter(e -> e.call().equals("leaseLost")).map(Event::shardId)
        .collect(java.util.stream.Collectors.toSet());
    assertThat(repeatedShards).as("shards with repeats").isSubsetOf(lostShards);
    // A processor checkpoints after its records are handed over, so the last checkpoints may lag.
    await("every lease is checkpointed", () -> store.list().stream().noneMatch(l -> l.checkpoint().isSentinel()));
  }

  @Test
  void aCrashedWorkersShardsAreTakenOverFromTheirCheckpoints() throws Exception {
    argus.createStream("s", 6);
    LeaseStore shared = new HttpLeaseStore(URI.create(argus.server.baseUrl() + "/"), "app");
    Scheduler a = worker("s", "a", shared, InitialPosition.trimHorizon());
    Scheduler b = worker("s", "b", shared, InitialPosition.trimHorizon());
    Scheduler c = worker("s", "c", new HttpLeaseStore(argus.endpoint(), "app"), InitialPosition.trimHorizon());
    await("three workers hold two shards each",
        () -> a.heldShards().size() == 2 && b.heldShards().size() == 2 && c.heldShards().size() == 2);
    put("s", 1_500, 30);
    await("the first records are delivered", this::allDelivered);

    b.crash();
    put("s", 1_500, 30);

    await("every record is delivered", this::allDelivered);
    await("the survivors hold all six shards", () -> a.heldShards().size() + c.heldShards().size() == 6);
    long duplicates = assertCompleteAndOrdered();
    assertThat(duplicates).as("each batch was checkpointed before the crash").isLessThanOrEqualTo(1_500);
    assertThat(shared.list()).extracting(Lease::owner).doesNotContain("b");
  }

  @Test
  void aSplitAndAMergeWhileWorkersRunKeepEachKeysOrder() throws Exception {
    argus.createStream("s", 2);
    InMemoryLeaseStore store = new InMemoryLeaseStore();
    worker("s", "a", store, InitialPosition.trimHorizon());
    worker("s", "b", store, InitialPosition.trimHorizon());
    put("s", 600, 25);

    List<Shard> shards = argus.kinesis.listShards(r -> r.streamName("s")).shards();
    Shard first = shards.get(0);
    BigInteger middle = new BigInteger(first.hashKeyRange().startingHashKey())
        .add(new BigInteger(first.hashKeyRange().endingHashKey())).shiftRight(1);
    argus.kinesis.splitShard(r -> r.streamName("s").shardToSplit(first.shardId())
        .newStartingHashKey(middle.toString()));
    awaitActive("s");
    put("s", 600, 25);

    List<Shard> open = argus.kinesis.listShards(r -> r.streamName("s")).shards().stream()
        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
        .sorted((x, y) -> new BigInteger(x.hashKeyRange().startingHashKey())
            .compareTo(new BigInteger(y.hashKeyRange().startingHashKey())))
        .toList();
    argus.kinesis.mergeShards(r -> r.streamName("s").shardToMerge(open.get(1).shardId())
        .adjacentShardToMerge(open.get(2).shardId()));
    awaitActive("s");
    put("s", 600, 25);

    await("every record is delivered", this::allDelivered);
    assertCompleteAndOrdered();
    assertThat(events).filteredOn(e -> e.call().equals("shardEnded")).extracting(Event::shardId)
        .contains(first.shardId(), open.get(1).shardId(), open.get(2).shardId());
    // The finished parents' leases are deleted once their children started; the open shards' stay.
    java.util.Set<String> stillOpen = argus.kinesis.listShards(r -> r.streamName("s")).shards().stream()
        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).map(Shard::shardId)
        .collect(java.util.stream.Collectors.toSet());
    await("only the open shards have leases", () -> store.list().stream().map(Lease::leaseKey)
        .collect(java.util.stream.Collectors.toSet()).equals(stillOpen));
    put("s", 300, 25);
    await("every record is delivered after the cleanup", this::allDelivered);
    assertCompleteAndOrdered();
    assertThat(store.list()).extracting(Lease::leaseKey).containsExactlyInAnyOrderElementsOf(stillOpen);
  }

  private void awaitActive(String stream) throws InterruptedException {
    await(stream + " is active", () -> argus.kinesis.describeStreamSummary(b -> b.streamName(stream))
        .streamDescriptionSummary().streamStatusAsString().equals("ACTIVE"));
  }

  @Test
  void aCleanShutdownCheckpointsAndFreesLeasesSoASuccessorSeesNoRepeats() throws Exception {
    argus.createStream("s", 3);
    InMemoryLeaseStore store = new InMemoryLeaseStore();
    Scheduler a = worker("s", "a", store, InitialPosition.trimHorizon());
    put("s", 900, 9);
    await("every record is delivered", this::allDelivered);

    a.shutdown();
    assertThat(store.list()).allSatisfy(l -> assertThat(l.owner()).isNull());
    assertThat(events).filteredOn(e -> e.call().equals("shutdownRequested")).hasSize(3);

    worker("s", "b", store, InitialPosition.trimHorizon());
    put("s", 900, 9);

    await("every record is delivered", this::allDelivered);
    assertThat(assertCompleteAndOrdered()).isZero();
    assertThat(deliveries).filteredOn(d -> d.worker().equals("b")).hasSize(900);
  }

  @Test
  void latestSkipsWhatWasPutBeforeTheLeasesExisted() throws Exception {
    argus.createStream("s", 2);
    put("s", 100, 4);
    InMemoryLeaseStore store = new InMemoryLeaseStore();
    Scheduler a = worker("s", "a", store, InitialPosition.latest());
    await("both leases are held", () -> a.heldShards().size() == 2);
    await("both shards have had a LATEST iterator",
        () -> events.stream().filter(e -> e.call().startsWith("initialize")).count() == 2);
    Thread.sleep(300);
    putPerKey.clear();
    deliveries.clear();
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      entries.add(PutRecordsRequestEntry.builder().partitionKey("late-" + (i % 4))
          .data(SdkBytes.fromString("late-" + (i % 4) + ":" + (i / 4), StandardCharsets.UTF_8)).build());
    }
    argus.kinesis.putRecords(b -> b.streamName("s").records(entries));
    for (int k = 0; k < 4; k++) {
      putPerKey.put("late-" + k, 10);
    }

    await("the new records are delivered", this::allDelivered);
    assertCompleteAndOrdered();
    assertThat(deliveries).noneMatch(d -> d.partitionKey().startsWith("key-"));
  }

  @Test
  void atTimestampStartsWithTheFirstRecordThatArrivedThen() throws Exception {
    argus.createStream("s", 2);
    put("s", 200, 4);
    Thread.sleep(100);
    java.time.Instant from = java.time.Instant.now();
    Thread.sleep(100);
    putPerKey.clear();
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      String key = "new-" + (i % 4);
      int n = putPerKey.merge(key, 1, Integer::sum) - 1;
      entries.add(PutRecordsRequestEntry.builder().partitionKey(key)
          .data(SdkBytes.fromString(key + ":" + n, StandardCharsets.UTF_8)).build());
    }
    argus.kinesis.putRecords(b -> b.streamName("s").records(entries));

    worker("s", "a", new InMemoryLeaseStore(), InitialPosition.atTimestamp(from));

    await("the records put after the timestamp are delivered", this::allDelivered);
    assertCompleteAndOrdered();
    assertThat(deliveries).noneMatch(d -> d.partitionKey().startsWith("key-"));
  }

  @Test
  void aProcessorThatThrowsDoesNotStopItsShard() throws Exception {
    argus.createStream("s", 1);
    java.util.concurrent.atomic.AtomicBoolean thrown = new java.util.concurrent.atomic.AtomicBoolean();
    ShardRecordProcessorFactory flaky = () -> new RecordingProcessor("a", deliveries, events) {
      @Override
      public void processRecords(ProcessRecordsInput input) {
        super.processRecords(input);
        if (thrown.compareAndSet(false, true)) {
          throw new IllegalStateException("a bug in the application");
        }
      }
    };
    Scheduler scheduler = new Scheduler(config("s", "a", InitialPosition.trimHorizon()), argus.kinesis,
        new InMemoryLeaseStore(), flaky, Clock.systemUTC(), new Random(1));
    schedulers.add(scheduler);
    scheduler.start();
    put("s", 50, 2);
    await("the first batch is delivered", this::allDelivered);
    put("s", 50, 2);

    await("later batches are still delivered", this::allDelivered);
    assertThat(thrown).isTrue();
    assertCompleteAndOrdered();
  }

  @Test
  void aggregatedRecordsArriveAsUserRecordsWithSubSequenceNumbers() throws Exception {
    argus.createStream("s", 1);
    List<UserRecord> users = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String key = "key-" + (i % 3);
      int n = putPerKey.merge(key, 1, Integer::sum) - 1;
      users.add(UserRecord.of(key, (key + ":" + n).getBytes(StandardCharsets.UTF_8)));
    }
    List<AggregatedRecord> aggregates = RecordAggregator.aggregateAll(users, 2_000);
    for (AggregatedRecord aggregate : aggregates) {
      argus.kinesis.putRecord(b -> b.streamName("s").partitionKey(aggregate.partitionKey())
          .explicitHashKey(aggregate.explicitHashKey()).data(SdkBytes.fromByteArray(aggregate.data())));
    }
    assertThat(aggregates.size()).isGreaterThan(1);

    worker("s", "a", new InMemoryLeaseStore(), InitialPosition.trimHorizon());

    await("every user record is delivered", this::allDelivered);
    assertThat(assertCompleteAndOrdered()).isZero();
    assertThat(deliveries.stream().mapToLong(Delivery::subSequenceNumber).max().orElseThrow()).isPositive();
    assertThat(deliveries.stream().map(Delivery::sequenceNumber).distinct().count()).isEqualTo(aggregates.size());
  }
}
