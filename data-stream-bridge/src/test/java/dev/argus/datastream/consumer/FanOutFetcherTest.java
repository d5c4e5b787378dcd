package dev.argus.datastream.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.datastream.lease.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The fan-out fetcher's state machine: starting positions, resubscription after the service ends a
 * subscription or fails it, demand bounded by the prefetch capacity, and the shard's end. The SDK
 * client is a hand-written double of its interface that records each SubscribeToShard call and lets
 * the test push events; the fetcher against the real server over HTTP/2 runs in the it module
 * (ConsumerFanOutIT), where the SDK's Netty client is on the classpath.
 */
class FanOutFetcherTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ConsumerConfig CONFIG = ConsumerConfig.defaults("s", "w", InitialPosition.trimHorizon());

  /** One SubscribeToShard call the double received, with the subscription the fetcher got. */
  static final class Call {
    final SubscribeToShardRequest request;
    final CompletableFuture<Void> result = new CompletableFuture<>();
    final AtomicLong demand = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();
    volatile Subscriber<? super SubscribeToShardEventStream> subscriber;

    Call(SubscribeToShardRequest request) {
      this.request = request;
    }

    void push(SubscribeToShardEvent event) {
      assertThat(demand.getAndDecrement()).as("demand before an event").isPositive();
      subscriber.onNext(event);
    }
  }

  /** The SDK async client interface, answering SubscribeToShard only. */
  static final class Subscriptions implements KinesisAsyncClient {
    final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();

    @Override
    public CompletableFuture<Void> subscribeToShard(SubscribeToShardRequest request,
        SubscribeToShardResponseHandler handler) {
      Call call = new Call(request);
      handler.responseReceived(SubscribeToShardResponse.builder().build());
      handler.onEventStream(SdkPublisher.adapt(subscriber -> {
        call.subscriber = subscriber;
        subscriber.onSubscribe(new Subscription() {
          @Override
          public void request(long n) {
            assertThat(n).isPositive();
            call.demand.addAndGet(n);
          }

          @Override
          public void cancel() {
            call.cancelled.set(true);
          }
        });
      }));
      calls.add(call);
      return call.result;
    }

    Call next() throws InterruptedException {
      Call call = calls.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(call).as("a SubscribeToShard call").isNotNull();
      return call;
    }

    @Override
    public String serviceName() {
      return "kinesis";
    }

    @Override
    public void close() {
    }
  }

  private static SubscribeToShardEvent event(String continuation, long behind, String... seqs) {
    List<Record> records = java.util.Arrays.stream(seqs).map(seq -> Record.builder().sequenceNumber(seq)
        .partitionKey("k").approximateArrivalTimestamp(Instant.EPOCH)
        .data(SdkBytes.fromString("d" + seq, StandardCharsets.UTF_8)).build()).toList();
    return SubscribeToShardEvent.builder().records(records).continuationSequenceNumber(continuation)
        .millisBehindLatest(behind).build();
  }

  private static ChildShard child(String id) {
    return ChildShard.builder().shardId(id).parentShards("shardId-000000000000")
        .hashKeyRange(HashKeyRange.builder().startingHashKey("0").endingHashKey("1").build()).build();
  }

  @Test
  void startsAtTheLeasePositionAndThenAfterTheLastContinuation() {
    Instant at = Instant.parse("2026-11-25T10:00:00Z");
    assertThat(FanOutFetcher.startingPosition(Checkpoint.TRIM_HORIZON, null, null).type())
        .isEqualTo(ShardIteratorType.TRIM_HORIZON);
    assertThat(FanOutFetcher.startingPosition(Checkpoint.LATEST, null, null).type()).isEqualTo(ShardIteratorType.LATEST);
    assertThat(FanOutFetcher.startingPosition(Checkpoint.AT_TIMESTAMP, at, null))
        .isEqualTo(StartingPosition.builder().type(ShardIteratorType.AT_TIMESTAMP).timestamp(at).build());
    // A checkpoint, perhaps inside an aggregate: AT its record; the consumer drops what was processed.
    assertThat(FanOutFetcher.startingPosition(Checkpoint.at("42", 3), null, null))
        .isEqualTo(StartingPosition.builder().type(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber("42").build());
    assertThat(FanOutFetcher.startingPosition(Checkpoint.at("42", 3), null, "57"))
        .isEqualTo(StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber("57").build());
    assertThatThrownBy(() -> FanOutFetcher.startingPosition(Checkpoint.SHARD_END, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEventWithChildShardsOrNoContinuationIsTheShardsEnd() {
    RecordsPage middle = FanOutFetcher.page(event("9", 1500, "8", "9"));
    assertThat(middle.atShardEnd()).isFalse();
    assertThat(middle.millisBehindLatest()).isEqualTo(1500);
    assertThat(middle.records()).extracting(r -> r.sequenceNumber()).containsExactly("8", "9");

    RecordsPage withChildren = FanOutFetcher.page(event("9", 0).toBuilder().childShards(child("shardId-000000000001"),
        child("shardId-000000000002")).build());
    assertThat(withChildren.atShardEnd()).isTrue();
    assertThat(withChildren.childShards()).extracting(ShardDescription::shardId)
        .containsExactly("shardId-000000000001", "shardId-000000000002");
    assertThat(FanOutFetcher.page(event(null, 0)).atShardEnd()).isTrue();
  }

  @Test
  void resubscribesAfterTheLastContinuationWhenASubscriptionEndsOrFails() throws Exception {
    Subscriptions kinesis = new Subscriptions();
    FanOutFetcher fetcher = new FanOutFetcher(kinesis, "arn:consumer", "shardId-000000000000", Checkpoint.at("5", 1),
        null, CONFIG);
    fetcher.start(null);
    Call first = kinesis.next();
    assertThat(first.request.consumerARN()).isEqualTo("arn:consumer");
    assertThat(first.request.startingPosition().type()).isEqualTo(ShardIteratorType.AT_SEQUENCE_NUMBER);
    first.push(event("6", 0, "5", "6"));
    assertThat(fetcher.poll(WAIT.toMillis()).records()).hasSize(2);

    first.result.complete(null); // the service ends every subscription after five minutes
    Call second = kinesis.next();
    assertThat(second.request.startingPosition())
        .isEqualTo(StartingPosition.builder().type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber("6").build());
    second.push(event("7", 0, "7"));
    assertThat(fetcher.poll(WAIT.toMillis()).records()).extracting(r -> r.sequenceNumber()).containsExactly("7");

    second.result.completeExceptionally(ResourceInUseException.builder().message("another subscription").build());
    Call third = kinesis.next(); // after a backoff
    assertThat(third.request.startingPosition().sequenceNumber()).isEqualTo("7");
    third.push(event("7", 0).toBuilder().childShards(child("shardId-000000000001")).build());
    RecordsPage end = fetcher.poll(WAIT.toMillis());
    assertThat(end.atShardEnd()).isTrue();
    third.result.complete(null);
    assertThat(kinesis.calls.poll(300, TimeUnit.MILLISECONDS)).as("no subscription after the shard's end").isNull();
    fetcher.stop();
  }

  @Test
  void eventsOfASupersededSubscriptionAreIgnored() throws Exception {
    Subscriptions kinesis = new Subscriptions();
    FanOutFetcher fetcher = new FanOutFetcher(kinesis, "arn:consumer", "shardId-000000000000", Checkpoint.LATEST,
        null, CONFIG);
    fetcher.start(null);
    Call first = kinesis.next();
    assertThat(first.request.startingPosition().type()).isEqualTo(ShardIteratorType.LATEST);
    first.push(event("3", 0, "3"));
    assertThat(fetcher.poll(WAIT.toMillis()).records()).hasSize(1);
    first.result.completeExceptionally(new IllegalStateException("connection reset"));
    Call second = kinesis.next();
    assertThat(second.request.startingPosition().sequenceNumber()).isEqualTo("3");

    first.push(event("4", 0, "4")); // late, from the failed subscription
    second.push(event("5", 0, "5"));
    assertThat(fetcher.poll(WAIT.toMillis()).records()).extracting(r -> r.sequenceNumber()).containsExactly("5");
    assertThat(fetcher.poll(100)).isNull();
    fetcher.stop();
  }

  @Test
  void requestsNoMoreEventsThanThePrefetchCapacityHolds() throws Exception {
    Subscriptions kinesis = new Subscriptions();
    FanOutFetcher fetcher = new FanOutFetcher(kinesis, "arn:consumer", "shardId-000000000000", Checkpoint.TRIM_HORIZON,
        null, CONFIG);
    fetcher.start(null);
    Call call = kinesis.next();
    int capacity = CONFIG.maxPrefetchBatches();
    assertThat(call.demand.get()).isEqualTo(capacity);
    for (int i = 0; i < capacity; i++) {
      call.push(event(String.valueOf(i), 0, String.valueOf(i)));
    }
    assertThat(call.demand.get()).as("a full buffer asks for nothing").isZero();
    assertThat(fetcher.poll(WAIT.toMillis()).records().get(0).sequenceNumber()).isEqualTo("0");
    assertThat(call.demand.get()).as("one slot freed, one event requested").isEqualTo(1);
    fetcher.poll(WAIT.toMillis());
    fetcher.poll(WAIT.toMillis());
    assertThat(call.demand.get()).isEqualTo(capacity);

    fetcher.stop();
    assertThat(call.cancelled).isTrue();
    assertThat(call.result).isCancelled();
    assertThat(kinesis.calls.poll(300, TimeUnit.MILLISECONDS)).as("no subscription after stop").isNull();
  }
}
