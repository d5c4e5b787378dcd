package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Checkpoint;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Reads one shard through enhanced fan-out: a chain of SubscribeToShard subscriptions, each of
 * which the service ends after five minutes (or on an error); the next one starts after the last
 * event's ContinuationSequenceNumber, so the chain reads every record once and in order.
 *
 * <p>Starting positions ({@link #startingPosition}): after the last continuation once an event
 * arrived; before that, the lease's position: TRIM_HORIZON, LATEST, AT_TIMESTAMP, or
 * AT_SEQUENCE_NUMBER of a checkpoint (the consumer drops the user records at or before it, so a
 * checkpoint inside an aggregate resumes after its last processed user record). A subscription
 * that ends normally is renewed at once; a failed one (another subscription still open, the
 * network, throttling) after an exponential backoff that resets with each event.
 *
 * <p>Memory is bounded by backpressure, not by dropping: events are requested from the
 * reactive-streams {@link Subscription} only while {@code queued + requested <= capacity}
 * ({@link ConsumerConfig#maxPrefetchBatches()} events, each at most the service's event size),
 * and each {@link #poll} that frees a slot requests one more.
 *
 * <p>The event whose ChildShards are set (or whose continuation is null) is the shard's end: it is
 * queued with {@link RecordsPage#atShardEnd()} and no subscription follows.
 *
 * <p>Thread-safe: SDK threads deliver events, the consumer thread polls and stops, a timer thread
 * resubscribes; shared state is guarded by one lock. Events of a superseded subscription are ignored.
 */
final class FanOutFetcher implements RecordsSource {

  private static final Logger LOG = LoggerFactory.getLogger(FanOutFetcher.class);

  private final KinesisAsyncClient kinesis;
  private final String consumerArn;
  private final String shardId;
  private final Checkpoint start;
  private final Instant atTimestamp;
  private final int capacity;
  private final BlockingQueue<RecordsPage> pages;
  private final Object lock = new Object();
  private final Backoff backoff;
  // Guarded by lock:
  private int generation;
  private Subscription subscription;
  private CompletableFuture<Void> call;
  private int requested;
  private String continuation;
  private boolean eventInThisSubscription;
  private boolean ended;
  private boolean stopped;

  FanOutFetcher(KinesisAsyncClient kinesis, String consumerArn, String shardId, Checkpoint start, Instant atTimestamp,
      ConsumerConfig config) {
    this.kinesis = Objects.requireNonNull(kinesis, "kinesis");
    this.consumerArn = Objects.requireNonNull(consumerArn, "consumerArn");
    this.shardId = Objects.requireNonNull(shardId, "shardId");
    this.start = Objects.requireNonNull(start, "start");
    this.atTimestamp = atTimestamp;
    this.capacity = config.maxPrefetchBatches();
    this.pages = new ArrayBlockingQueue<>(capacity);
    this.backoff = new Backoff(config.throttleBackoffMax());
  }

  /**
   * Where the next subscription starts: after {@code continuation} when an event was seen, else at
   * the lease's position. Pure.
   *
   * @throws IllegalArgumentException for SHARD_END, which has nothing left to read
   */
  static StartingPosition startingPosition(Checkpoint start, Instant atTimestamp, String continuation) {
    StartingPosition.Builder position = StartingPosition.builder();
    if (continuation != null) {
      return position.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(continuation).build();
    }
    if (start.equals(Checkpoint.TRIM_HORIZON)) {
      return position.type(ShardIteratorType.TRIM_HORIZON).build();
    }
    if (start.equals(Checkpoint.LATEST)) {
      return position.type(ShardIteratorType.LATEST).build();
    }
    if (start.equals(Checkpoint.AT_TIMESTAMP)) {
      return position.type(ShardIteratorType.AT_TIMESTAMP).timestamp(Objects.requireNonNull(atTimestamp,
          "atTimestamp")).build();
    }
    if (start.isSentinel()) {
      throw new IllegalArgumentException("nothing to read from " + start);
    }
    return position.type(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(start.sequenceNumber()).build();
  }

  /** One event as a page; the shard's end when it names child shards or has no continuation. */
  static RecordsPage page(SubscribeToShardEvent event) {
    boolean end = event.continuationSequenceNumber() == null || !event.childShards().isEmpty();
    long behind = event.millisBehindLatest() == null ? 0 : event.millisBehindLatest();
    return new RecordsPage(SdkKinesisShards.received(event.records()),
        end ? null : event.continuationSequenceNumber(), behind, SdkKinesisShards.children(event.childShards()));
  }

  @Override
  public void start(ExecutorService threads) {
    subscribe();
  }

  @Override
  public RecordsPage poll(long waitMillis) throws InterruptedException {
    RecordsPage page = pages.poll(waitMillis, TimeUnit.MILLISECONDS);
    if (page != null) {
      synchronized (lock) {
        requestFree();
      }
    }
    return page;
  }

  @Override
  public void stop() {
    synchronized (lock) {
      stopped = true;
      generation++;
      if (subscription != null) {
        subscription.cancel();
        subscription = null;
      }
      if (call != null) {
        call.cancel(true);
      }
    }
  }

  private void subscribe() {
    SubscribeToShardRequest request;
    int current;
    synchronized (lock) {
      if (stopped || ended) {
        return;
      }
      current = ++generation;
      subscription = null;
      requested = 0;
      eventInThisSubscription = false;
      request = SubscribeToShardRequest.builder().consumerARN(consumerArn).shardId(shardId)
          .startingPosition(startingPosition(start, atTimestamp, continuation)).build();
    }
    SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
        .onEventStream(events -> events.subscribe(new Events(current)))
        .onError(e -> { }) // the call's future reports it
        .build();
    CompletableFuture<Void> running;
    try {
      running = kinesis.subscribeToShard(request, handler);
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    synchronized (lock) {
      if (current == generation) {
        call = running;
      } else {
        running.cancel(true);
      }
    }
    running.whenComplete((ignored, error) -> subscriptionEnded(current, error));
  }

  private void subscriptionEnded(int which, Throwable error) {
    long pauseMillis;
    synchronized (lock) {
      if (which != generation || stopped || ended) {
        return;
      }
      subscription = null;
      if (error == null && eventInThisSubscription) {
        pauseMillis = 0;
      } else {
        pauseMillis = backoff.nextMillis();
      }
    }
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      LOG.warn("subscription to {} failed, subscribing again in {} ms: {}", shardId, pauseMillis, cause.toString());
    }
    CompletableFuture.delayedExecutor(pauseMillis, TimeUnit.MILLISECONDS).execute(this::subscribe);
  }

  /** Requests as many events as free slots allow; the caller holds the lock. */
  private void requestFree() {
    int free = capacity - pages.size() - requested;
    if (free > 0 && subscription != null && !ended && !stopped) {
      requested += free;
      subscription.request(free);
    }
  }

  private void onEvent(int which, SubscribeToShardEventStream event) {
    synchronized (lock) {
      if (which != generation) {
        return;
      }
      requested--;
      if (event instanceof SubscribeToShardEvent shardEvent) {
        RecordsPage page = page(shardEvent);
        if (!pages.offer(page)) {
          throw new IllegalStateException("an event arrived beyond the requested demand");
        }
        eventInThisSubscription = true;
        backoff.reset();
        if (page.atShardEnd()) {
          ended = true;
          return;
        }
        continuation = shardEvent.continuationSequenceNumber();
      }
      requestFree();
    }
  }

  /** The subscriber of one subscription's events. */
  private final class Events implements Subscriber<SubscribeToShardEventStream> {
    private final int which;

    Events(int which) {
      this.which = which;
    }

    @Override
    public void onSubscribe(Subscription s) {
      synchronized (lock) {
        if (which != generation || stopped) {
          s.cancel();
          return;
        }
        subscription = s;
        requested = 0;
        requestFree();
      }
    }

    @Override
    public void onNext(SubscribeToShardEventStream event) {
      onEvent(which, event);
    }

    @Override
    public void onError(Throwable t) {
      // the call's future completes exceptionally and resubscribes
    }

    @Override
    public void onComplete() {
      // the call's future completes and resubscribes
    }
  }
}
