package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/**
 * Every Kinesis Data Streams operation and its main errors, through the real SDK v2 sync (Apache)
 * and async (Netty, h2c) clients. Subclasses pick the body protocol (CBOR or JSON) before the
 * server and clients start; failsafe runs each class in its own JVM.
 */
abstract class KinesisDataStreamsContract {

  @TempDir
  static Path dataDir;

  static ArgusProcess argus;
  static KinesisClient kinesis;
  static KinesisAsyncClient async;

  static void startAll() throws Exception {
    argus = ArgusProcess.start(dataDir);
    kinesis = Clients.kinesis(argus.endpoint());
    async = Clients.kinesisAsync(argus.endpoint());
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (kinesis != null) {
      kinesis.close();
    }
    if (async != null) {
      async.close();
    }
    if (argus != null) {
      argus.close();
    }
  }

  private static SdkBytes bytes(String text) {
    return SdkBytes.fromString(text, StandardCharsets.UTF_8);
  }

  private static String arn(String name) {
    return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
  }

  @Test
  void streamLifecycleTagsRetentionAndListing() throws Exception {
    kinesis.createStream(r -> r.streamName("life-a").shardCount(2));
    kinesis.createStream(r -> r.streamName("life-b").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
    StreamDescription description = kinesis.describeStream(r -> r.streamName("life-a")).streamDescription();
    assertThat(description.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    assertThat(description.streamARN()).isEqualTo(arn("life-a"));
    assertThat(description.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000000", "shardId-000000000001");
    assertThat(description.shards().get(1).hashKeyRange().endingHashKey())
        .isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString());
    assertThat(description.streamCreationTimestamp()).isBefore(Instant.now().plusSeconds(5));
    assertThat(kinesis.describeStreamSummary(r -> r.streamARN(arn("life-b"))).streamDescriptionSummary().openShardCount())
        .isEqualTo(4);

    ListStreamsResponse first = kinesis.listStreams(r -> r.limit(1));
    assertThat(first.hasMoreStreams()).isTrue();
    List<String> names = new ArrayList<>(first.streamNames());
    ListStreamsResponse next = kinesis.listStreams(r -> r.nextToken(first.nextToken()).limit(100));
    names.addAll(next.streamNames());
    assertThat(names).contains("life-a", "life-b");
    assertThat(first.streamSummaries().get(0).streamARN()).startsWith("arn:aws:kinesis:");

    ListShardsResponse page = kinesis.listShards(r -> r.streamName("life-b").maxResults(3));
    assertThat(page.shards()).hasSize(3);
    ListShardsResponse rest = kinesis.listShards(r -> r.nextToken(page.nextToken()));
    assertThat(rest.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000003");
    assertThat(rest.nextToken()).isNull();
    assertThat(kinesis.listShards(r -> r.streamName("life-b").shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards())
        .hasSize(4);

    kinesis.addTagsToStream(r -> r.streamName("life-a").tags(Map.of("team", "vision", "env", "test")));
    kinesis.removeTagsFromStream(r -> r.streamARN(arn("life-a")).tagKeys("env"));
    assertThat(kinesis.listTagsForStream(r -> r.streamName("life-a")).tags())
        .extracting(t -> t.key() + "=" + t.value()).containsExactly("team=vision");

    kinesis.increaseStreamRetentionPeriod(r -> r.streamName("life-a").retentionPeriodHours(48));
    assertThatThrownBy(() -> kinesis.decreaseStreamRetentionPeriod(r -> r.streamName("life-a").retentionPeriodHours(72)))
        .isInstanceOf(InvalidArgumentException.class);
    kinesis.decreaseStreamRetentionPeriod(r -> r.streamName("life-a").retentionPeriodHours(24));
    kinesis.updateStreamMode(r -> r.streamARN(arn("life-a")).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
    assertThat(kinesis.describeStreamSummary(r -> r.streamName("life-a")).streamDescriptionSummary()
        .streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
    assertThat(kinesis.describeLimits(r -> { }).openShardCount()).isGreaterThanOrEqualTo(6);

    assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName("life-a").shardCount(1)))
        .isInstanceOf(ResourceInUseException.class);
    kinesis.deleteStream(r -> r.streamName("life-a"));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    boolean gone = false;
    while (!gone && System.nanoTime() < deadline) {
      try {
        assertThat(kinesis.describeStreamSummary(r -> r.streamName("life-a")).streamDescriptionSummary().streamStatus())
            .isEqualTo(StreamStatus.DELETING);
        Thread.sleep(50);
      } catch (ResourceNotFoundException e) {
        gone = true;
      }
    }
    assertThat(gone).isTrue();
  }

  @Test
  void putAndGetRecordsWithEveryIteratorType() {
    kinesis.createStream(r -> r.streamName("records").shardCount(1));
    PutRecordResponse first = kinesis.putRecord(r -> r.streamName("records").partitionKey("cam-1").data(bytes("one")));
    assertThat(first.shardId()).isEqualTo("shardId-000000000000");
    PutRecordsResponse batch = kinesis.putRecords(r -> r.streamARN(arn("records")).records(
        PutRecordsRequestEntry.builder().partitionKey("cam-1").data(bytes("two")).build(),
        PutRecordsRequestEntry.builder().partitionKey("cam-2").data(bytes("three")).explicitHashKey("0").build()));
    assertThat(batch.failedRecordCount()).isZero();
    assertThat(batch.records()).hasSize(2);
    assertThat(batch.records().get(0).sequenceNumber()).isGreaterThan(first.sequenceNumber());

    String iterator = kinesis.getShardIterator(r -> r.streamName("records").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    GetRecordsResponse records = kinesis.getRecords(r -> r.shardIterator(iterator));
    assertThat(records.records()).extracting(rec -> rec.data().asUtf8String()).containsExactly("one", "two", "three");
    assertThat(records.records().get(2).partitionKey()).isEqualTo("cam-2");
    assertThat(records.records().get(0).approximateArrivalTimestamp()).isNotNull()
        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
    assertThat(records.millisBehindLatest()).isZero();
    assertThat(records.nextShardIterator()).isNotNull();

    String after = kinesis.getShardIterator(r -> r.streamName("records").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(first.sequenceNumber())).shardIterator();
    assertThat(kinesis.getRecords(r -> r.shardIterator(after).limit(1)).records())
        .extracting(rec -> rec.data().asUtf8String()).containsExactly("two");
    String at = kinesis.getShardIterator(r -> r.streamName("records").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(first.sequenceNumber())).shardIterator();
    assertThat(kinesis.getRecords(r -> r.shardIterator(at).limit(1)).records().get(0).sequenceNumber())
        .isEqualTo(first.sequenceNumber());
    Instant arrival = records.records().get(0).approximateArrivalTimestamp();
    String byTime = kinesis.getShardIterator(r -> r.streamName("records").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(arrival)).shardIterator();
    assertThat(kinesis.getRecords(r -> r.shardIterator(byTime)).records()).isNotEmpty();
    String latest = kinesis.getShardIterator(r -> r.streamName("records").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
    assertThat(kinesis.getRecords(r -> r.shardIterator(latest)).records()).isEmpty();
  }

  @Test
  void asyncClientPutsAndReads() throws Exception {
    async.createStream(r -> r.streamName("async").shardCount(1)).get();
    PutRecordsResponse put = async.putRecords(r -> r.streamName("async").records(
        PutRecordsRequestEntry.builder().partitionKey("k").data(bytes("hello")).build())).get();
    assertThat(put.failedRecordCount()).isZero();
    String iterator = async.getShardIterator(r -> r.streamName("async").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).get().shardIterator();
    assertThat(async.getRecords(r -> r.shardIterator(iterator)).get().records())
        .extracting(rec -> rec.data().asUtf8String()).containsExactly("hello");
    assertThatThrownBy(() -> async.describeStream(r -> r.streamName("missing")).join())
        .hasCauseInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void reshardingLeadsReadersFromParentsToChildren() {
    kinesis.createStream(r -> r.streamName("reshard").shardCount(2));
    kinesis.putRecord(r -> r.streamName("reshard").partitionKey("k").data(bytes("before")).explicitHashKey("5"));
    kinesis.splitShard(r -> r.streamName("reshard").shardToSplit("shardId-000000000000").newStartingHashKey("1000"));
    List<Shard> shards = kinesis.listShards(r -> r.streamName("reshard")).shards();
    assertThat(shards).hasSize(4);
    assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
    assertThat(shards.get(2).parentShardId()).isEqualTo("shardId-000000000000");
    String iterator = kinesis.getShardIterator(r -> r.streamName("reshard").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    GetRecordsResponse end = kinesis.getRecords(r -> r.shardIterator(iterator));
    assertThat(end.records()).extracting(rec -> rec.data().asUtf8String()).containsExactly("before");
    assertThat(end.nextShardIterator()).isNull();
    assertThat(end.childShards()).extracting(ChildShard::shardId)
        .containsExactly("shardId-000000000002", "shardId-000000000003");
    assertThat(kinesis.putRecord(r -> r.streamName("reshard").partitionKey("k").data(bytes("after"))
        .explicitHashKey("5")).shardId()).isEqualTo("shardId-000000000002");
    kinesis.mergeShards(r -> r.streamName("reshard").shardToMerge("shardId-000000000002")
        .adjacentShardToMerge("shardId-000000000003"));
    assertThatThrownBy(() -> kinesis.mergeShards(r -> r.streamName("reshard").shardToMerge("shardId-000000000001")
        .adjacentShardToMerge("shardId-000000000001"))).isInstanceOf(InvalidArgumentException.class);
    assertThat(kinesis.updateShardCount(r -> r.streamName("reshard").targetShardCount(4)
        .scalingType("UNIFORM_SCALING")).currentShardCount()).isEqualTo(2);
    assertThatThrownBy(() -> kinesis.updateShardCount(r -> r.streamName("reshard").targetShardCount(9)
        .scalingType("UNIFORM_SCALING"))).isInstanceOf(LimitExceededException.class);
  }

  @Test
  void consumersRegisterDescribeListDeregister() {
    kinesis.createStream(r -> r.streamName("fanout").shardCount(1));
    Consumer consumer = kinesis.registerStreamConsumer(r -> r.streamARN(arn("fanout")).consumerName("app")).consumer();
    assertThat(consumer.consumerARN()).startsWith(arn("fanout") + "/consumer/app:");
    assertThat(kinesis.describeStreamConsumer(r -> r.consumerARN(consumer.consumerARN())).consumerDescription().consumerName())
        .isEqualTo("app");
    assertThat(kinesis.listStreamConsumers(r -> r.streamARN(arn("fanout"))).consumers()).extracting(Consumer::consumerName)
        .containsExactly("app");
    assertThatThrownBy(() -> kinesis.registerStreamConsumer(r -> r.streamARN(arn("fanout")).consumerName("app")))
        .isInstanceOf(ResourceInUseException.class);
    kinesis.deregisterStreamConsumer(r -> r.streamARN(arn("fanout")).consumerName("app"));
    assertThatThrownBy(() -> kinesis.describeStreamConsumer(r -> r.streamARN(arn("fanout")).consumerName("app")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void subscribeToShardPushesRecordsToTheAsyncClient() throws Exception {
    kinesis.createStream(r -> r.streamName("efo").shardCount(1));
    Consumer consumer = kinesis.registerStreamConsumer(r -> r.streamARN(arn("efo")).consumerName("pusher")).consumer();
    kinesis.putRecord(r -> r.streamName("efo").partitionKey("k").data(bytes("first")));
    List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
        .onError(failure::complete)
        .subscriber(SubscribeToShardResponseHandler.Visitor.builder().onSubscribeToShardEvent(events::add).build())
        .build();
    CompletableFuture<Void> call = async.subscribeToShard(r -> r.consumerARN(consumer.consumerARN())
        .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)), handler);
    awaitRecords(events, failure, List.of("first"));
    kinesis.putRecord(r -> r.streamName("efo").partitionKey("k").data(bytes("second")));
    awaitRecords(events, failure, List.of("first", "second"));
    SubscribeToShardEvent last = events.get(events.size() - 1);
    assertThat(last.continuationSequenceNumber()).isNotNull();
    assertThat(last.millisBehindLatest()).isZero();
    assertThatThrownBy(() -> async.subscribeToShard(r -> r.consumerARN(consumer.consumerARN() + "9")
            .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.LATEST)),
        SubscribeToShardResponseHandler.builder().subscriber(e -> { }).build()).get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ResourceNotFoundException.class);
    call.cancel(true);
  }

  private static void awaitRecords(List<SubscribeToShardEvent> events, CompletableFuture<Throwable> failure,
                                   List<String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && !failure.isDone()) {
      List<String> seen = events.stream().flatMap(e -> e.records().stream()).map(r -> r.data().asUtf8String()).toList();
      if (seen.equals(expected)) {
        return;
      }
      Thread.sleep(20);
    }
    assertThat(failure.getNow(null)).isNull();
    assertThat(events.stream().flatMap(e -> e.records().stream()).map(r -> r.data().asUtf8String()).toList())
        .isEqualTo(expected);
  }

  @Test
  void errorsAreNamedAsKinesisNamesThem() {
    kinesis.createStream(r -> r.streamName("errors").shardCount(1));
    assertThatThrownBy(() -> kinesis.describeStream(r -> r.streamName("nope"))).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator("not-an-iterator")))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName("errors").partitionKey("").data(bytes("x"))))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName("errors").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber("100000000010000000000000000000")))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> kinesis.createStream(r -> r.streamName("too-many").shardCount(100_000)))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> kinesis.getResourcePolicy(r -> r.resourceARN(arn("errors"))))
        .isInstanceOfSatisfying(KinesisException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
    // ExpiredIteratorException needs five minutes; the engine's tests cover it with a clock.
    assertThat(ExpiredIteratorException.class).isNotNull();
  }

  @Test
  void readBudgetThrottlesFastPollers() {
    kinesis.createStream(r -> r.streamName("budget").shardCount(1));
    String iterator = kinesis.getShardIterator(r -> r.streamName("budget").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
    assertThatThrownBy(() -> {
      for (int i = 0; i < 50; i++) {
        kinesis.getRecords(r -> r.shardIterator(iterator));
      }
    }).isInstanceOf(ProvisionedThroughputExceededException.class);
  }
}
