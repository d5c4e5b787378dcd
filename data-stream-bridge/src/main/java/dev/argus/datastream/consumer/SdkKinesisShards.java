package dev.argus.datastream.consumer;

import dev.argus.datastream.aggregation.ReceivedRecord;
import dev.argus.datastream.lease.Checkpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** {@link KinesisShards} over the AWS SDK v2 sync client; works against Argus and AWS. Thread-safe. */
final class SdkKinesisShards implements KinesisShards {

  private final KinesisClient kinesis;
  private final String streamName;

  SdkKinesisShards(KinesisClient kinesis, String streamName) {
    this.kinesis = Objects.requireNonNull(kinesis, "kinesis");
    this.streamName = Objects.requireNonNull(streamName, "streamName");
  }

  @Override
  public List<ShardDescription> listShards() {
    return listAll(streamName, kinesis::listShards);
  }

  /** Every shard of {@code streamName}, following ListShards' NextToken through {@code call}. */
  static List<ShardDescription> listAll(String streamName, Function<ListShardsRequest, ListShardsResponse> call) {
    List<ShardDescription> shards = new ArrayList<>();
    String token = null;
    do {
      ListShardsRequest request = token == null
          ? ListShardsRequest.builder().streamName(streamName).build()
          : ListShardsRequest.builder().nextToken(token).build();
      ListShardsResponse response = call.apply(request);
      response.shards().forEach(shard -> shards.add(describe(shard)));
      token = response.nextToken();
    } while (token != null);
    return shards;
  }

  /** A ListShards entry as the consumer sees it. */
  static ShardDescription describe(Shard shard) {
    Set<String> parents = new HashSet<>();
    if (shard.parentShardId() != null) {
      parents.add(shard.parentShardId());
    }
    if (shard.adjacentParentShardId() != null) {
      parents.add(shard.adjacentParentShardId());
    }
    boolean closed = shard.sequenceNumberRange() != null
        && shard.sequenceNumberRange().endingSequenceNumber() != null;
    return new ShardDescription(shard.shardId(), parents, closed);
  }

  /** The children a GetRecords response or a SubscribeToShard event names at a shard's end. */
  static List<ShardDescription> children(List<ChildShard> childShards) {
    List<ShardDescription> children = new ArrayList<>(childShards.size());
    for (ChildShard child : childShards) {
      children.add(new ShardDescription(child.shardId(), Set.copyOf(child.parentShards()), false));
    }
    return children;
  }

  /** The SDK's records as the de-aggregator takes them. */
  static List<ReceivedRecord> received(List<Record> sdkRecords) {
    List<ReceivedRecord> records = new ArrayList<>(sdkRecords.size());
    for (Record r : sdkRecords) {
      records.add(new ReceivedRecord(r.sequenceNumber(), r.approximateArrivalTimestamp(), r.partitionKey(),
          r.data().asByteArrayUnsafe()));
    }
    return records;
  }

  @Override
  public String iterator(String shardId, Checkpoint position, Instant atTimestamp) {
    GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().streamName(streamName).shardId(shardId);
    if (position.equals(Checkpoint.TRIM_HORIZON)) {
      request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
    } else if (position.equals(Checkpoint.LATEST)) {
      request.shardIteratorType(ShardIteratorType.LATEST);
    } else if (position.equals(Checkpoint.AT_TIMESTAMP)) {
      request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(atTimestamp);
    } else if (position.isSentinel()) {
      throw new IllegalArgumentException("no iterator for " + position);
    } else {
      request.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(position.sequenceNumber());
    }
    return kinesis.getShardIterator(request.build()).shardIterator();
  }

  @Override
  public String iteratorAfter(String shardId, String sequenceNumber) {
    return kinesis.getShardIterator(GetShardIteratorRequest.builder().streamName(streamName).shardId(shardId)
        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(sequenceNumber).build())
        .shardIterator();
  }

  @Override
  public RecordsPage getRecords(String iterator, int limit) {
    GetRecordsResponse response;
    try {
      response = kinesis.getRecords(b -> b.shardIterator(iterator).limit(limit));
    } catch (ProvisionedThroughputExceededException | LimitExceededException e) {
      throw new ThrottledException(e);
    } catch (ExpiredIteratorException e) {
      throw new IteratorExpiredException(e);
    }
    long behind = response.millisBehindLatest() == null ? 0 : response.millisBehindLatest();
    return new RecordsPage(received(response.records()), response.nextShardIterator(), behind,
        children(response.childShards()));
  }
}
