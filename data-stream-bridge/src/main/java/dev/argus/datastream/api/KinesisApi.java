package dev.argus.datastream.api;

import dev.argus.awshttp.api.AwsApi;
import dev.argus.awshttp.api.AwsRequest;
import dev.argus.awshttp.api.AwsResponse;
import dev.argus.awshttp.api.Operation;
import dev.argus.awshttp.api.Operations;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.api.StreamingOperation;
import dev.argus.awshttp.api.UnaryOperation;
import dev.argus.datastream.engine.DataStreamEngine;
import dev.argus.datastream.engine.StreamsException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Kinesis Data Streams on the shared port: requests whose {@code X-Amz-Target} is {@code
 * Kinesis_20131202.<Operation>}, in awsJson1.1 or CBOR (the router decodes both and answers in the
 * request's protocol). An unknown operation under the prefix is {@code UnknownOperationException};
 * engine failures become Kinesis errors through {@link ErrorTable}.
 *
 * <p>Thread-safe: {@link #resolve} is a lookup in an immutable map.
 */
public final class KinesisApi implements AwsApi {

  /** The target prefix of Kinesis Data Streams operations. */
  public static final String TARGET_PREFIX = "Kinesis_20131202.";

  private final Map<String, UnaryOperation> operations;
  /** {@link #operations} and the streaming SubscribeToShard, by name. */
  private final Map<String, Operation> routes;

  /**
   * @param subscriptions runs SubscribeToShard exchanges (resolution and pushes), never on an
   *                      event loop; the caller owns and shuts it down after the server
   */
  public KinesisApi(DataStreamEngine engine, ScheduledExecutorService subscriptions) {
    StreamOperations streams = new StreamOperations(engine);
    RecordOperations records = new RecordOperations(engine);
    Map<String, UnaryOperation> ops = new HashMap<>();
    ops.put("CreateStream", sync(streams::createStream));
    ops.put("DeleteStream", sync(streams::deleteStream));
    ops.put("DescribeStream", sync(streams::describeStream));
    ops.put("DescribeStreamSummary", sync(streams::describeStreamSummary));
    ops.put("ListStreams", sync(streams::listStreams));
    ops.put("ListShards", sync(streams::listShards));
    ops.put("AddTagsToStream", sync(streams::addTags));
    ops.put("RemoveTagsFromStream", sync(streams::removeTags));
    ops.put("ListTagsForStream", sync(streams::listTags));
    ops.put("IncreaseStreamRetentionPeriod", sync(streams::increaseRetention));
    ops.put("DecreaseStreamRetentionPeriod", sync(streams::decreaseRetention));
    ops.put("SplitShard", sync(streams::splitShard));
    ops.put("MergeShards", sync(streams::mergeShards));
    ops.put("UpdateShardCount", sync(streams::updateShardCount));
    ops.put("UpdateStreamMode", sync(streams::updateStreamMode));
    ops.put("DescribeLimits", sync(streams::describeLimits));
    ops.put("PutRecord", async(records::putRecord));
    ops.put("PutRecords", async(records::putRecords));
    ops.put("GetShardIterator", sync(records::getShardIterator));
    ops.put("GetRecords", sync(records::getRecords));
    ops.put("RegisterStreamConsumer", sync(records::registerConsumer));
    ops.put("DescribeStreamConsumer", sync(records::describeConsumer));
    ops.put("ListStreamConsumers", sync(records::listConsumers));
    ops.put("DeregisterStreamConsumer", sync(records::deregisterConsumer));
    this.operations = Map.copyOf(ops);
    java.util.Set<String> active = java.util.concurrent.ConcurrentHashMap.newKeySet();
    StreamingOperation subscribeToShard = head -> new SubscribeToShardHandler(head, engine, records, subscriptions,
        engine.config().clock(), active);
    Map<String, Operation> routes = new HashMap<>(operations);
    routes.put("SubscribeToShard", subscribeToShard);
    this.routes = Map.copyOf(routes);
  }

  @Override
  public Optional<Operation> resolve(RequestHead head) {
    return Operations.byTarget(head, TARGET_PREFIX, routes, "Kinesis");
  }

  private static UnaryOperation sync(Function<AwsRequest, Object> operation) {
    return Operations.answered(operation, KinesisApi::toAws);
  }

  private static UnaryOperation async(Function<AwsRequest, CompletableFuture<Object>> operation) {
    return Operations.completing(operation, KinesisApi::toAws);
  }

  private static Throwable toAws(Throwable failure) {
    return failure instanceof StreamsException s ? ErrorTable.toAws(s) : failure;
  }

  /** For tests: whether an operation name is served. */
  boolean serves(String operation) {
    return operations.containsKey(operation);
  }

  /** The response stage of one operation, for tests. */
  CompletionStage<AwsResponse> call(String operation, AwsRequest request) {
    return operations.get(operation).handle(request);
  }
}
