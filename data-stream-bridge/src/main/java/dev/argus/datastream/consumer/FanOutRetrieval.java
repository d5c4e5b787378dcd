package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

/**
 * {@link Retrieval} by enhanced fan-out, over a user-supplied SDK {@link KinesisAsyncClient}
 * (against Argus or AWS; the caller picks its HTTP client). {@link #prepare()} registers the
 * stream consumer {@code consumerName}, or reuses the one of that name, and waits until it is
 * ACTIVE; each shard is then read by a {@link FanOutFetcher}. Shards are listed with ListShards on
 * the same client.
 *
 * <p>Thread-safe.
 */
final class FanOutRetrieval implements Retrieval {

  /** How long {@link #prepare()} waits for a new consumer to become ACTIVE. */
  static final Duration DEFAULT_REGISTRATION_WAIT = Duration.ofSeconds(60);
  private static final long DESCRIBE_PAUSE_MILLIS = 250;

  private final KinesisAsyncClient kinesis;
  private final String streamName;
  private final String consumerName;
  private final ConsumerConfig config;
  private volatile String consumerArn;

  FanOutRetrieval(KinesisAsyncClient kinesis, String consumerName, ConsumerConfig config) {
    this.kinesis = Objects.requireNonNull(kinesis, "kinesis");
    this.consumerName = Objects.requireNonNull(consumerName, "consumerName");
    this.config = Objects.requireNonNull(config, "config");
    this.streamName = config.streamName();
  }

  @Override
  public List<ShardDescription> listShards() {
    return SdkKinesisShards.listAll(streamName, request -> join(kinesis.listShards(request)));
  }

  /**
   * Registers the consumer (or finds the existing one of the same name) and waits until it is
   * ACTIVE.
   *
   * @throws IllegalStateException when it is not ACTIVE within {@link #DEFAULT_REGISTRATION_WAIT}
   */
  @Override
  public synchronized void prepare() {
    if (consumerArn != null) {
      return;
    }
    String streamArn = join(kinesis.describeStreamSummary(b -> b.streamName(streamName)))
        .streamDescriptionSummary().streamARN();
    String arn;
    try {
      arn = join(kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(consumerName)))
          .consumer().consumerARN();
    } catch (ResourceInUseException registered) {
      arn = join(kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName(consumerName)))
          .consumerDescription().consumerARN();
    }
    awaitActive(arn);
    consumerArn = arn;
  }

  private void awaitActive(String arn) {
    long deadline = System.nanoTime() + DEFAULT_REGISTRATION_WAIT.toNanos();
    while (true) {
      ConsumerDescription description = join(kinesis.describeStreamConsumer(b -> b.consumerARN(arn)))
          .consumerDescription();
      if (description.consumerStatus() == ConsumerStatus.ACTIVE) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("consumer " + arn + " is still " + description.consumerStatusAsString());
      }
      try {
        Thread.sleep(DESCRIBE_PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for consumer " + arn, e);
      }
    }
  }

  /** The registered consumer's ARN, once {@link #prepare()} returned. */
  String consumerArn() {
    return consumerArn;
  }

  @Override
  public RecordsSource open(String shardId, Checkpoint start, Instant atTimestamp) {
    String arn = consumerArn;
    if (arn == null) {
      throw new IllegalStateException("prepare() registers the consumer before shards are opened");
    }
    return new FanOutFetcher(kinesis, arn, shardId, start, atTimestamp, config);
  }

  /** The call's result; its failure rethrown as the SDK's own exception. */
  private static <T> T join(CompletableFuture<T> call) {
    try {
      return call.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
