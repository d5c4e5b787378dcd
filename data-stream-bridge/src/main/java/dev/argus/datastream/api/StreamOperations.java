package dev.argus.datastream.api;

import static dev.argus.datastream.api.Documents.doc;
import static dev.argus.datastream.api.Members.MEMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.AwsRequest;
import dev.argus.datastream.engine.DataStreamEngine;
import dev.argus.datastream.engine.InvalidArgumentException;
import dev.argus.datastream.engine.ShardFilter;
import dev.argus.datastream.engine.ShardInfo;
import dev.argus.datastream.engine.StreamInfo;
import dev.argus.datastream.engine.StreamMode;
import dev.argus.datastream.engine.StreamPage;
import dev.argus.datastream.engine.ValidationException;
import dev.argus.datastream.shard.ShardId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The stream control plane: each method reads one request body, calls the engine and builds the
 * response document. Stateless over the thread-safe engine.
 */
final class StreamOperations {

  static final int DEFAULT_DESCRIBE_LIMIT = 100;
  static final int DEFAULT_LIST_STREAMS_LIMIT = 100;
  static final int DEFAULT_LIST_SHARDS_MAX = 1000;
  static final int MAX_LIST = 10_000;

  private final DataStreamEngine engine;

  StreamOperations(DataStreamEngine engine) {
    this.engine = engine;
  }

  /** StreamARN when given, else StreamName; one of them is required. */
  static String stream(JsonNode body) {
    String arn = MEMBERS.text(body, "StreamARN");
    return arn != null ? arn : MEMBERS.requiredText(body, "StreamName");
  }

  static ShardId shardId(String text, String member) {
    return ShardId.parse(text).orElseThrow(() -> new InvalidArgumentException(member + " " + text + " is not a shard id"));
  }

  static int bounded(Integer value, int fallback, int max, String member) {
    int v = value == null ? fallback : value;
    if (v < 1 || v > max) {
      throw new ValidationException("1 validation error detected: Value '" + v + "' at '" + member
          + "' failed to satisfy constraint: Member must have value between 1 and " + max);
    }
    return v;
  }

  private static StreamMode mode(JsonNode body) {
    JsonNode details = MEMBERS.object(body, "StreamModeDetails");
    if (details == null) {
      return null;
    }
    String mode = MEMBERS.requiredText(details, "StreamMode");
    try {
      return StreamMode.valueOf(mode);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("StreamMode must be PROVISIONED or ON_DEMAND, not " + mode);
    }
  }

  Object createStream(AwsRequest request) {
    JsonNode body = request.body();
    engine.createStream(MEMBERS.requiredText(body, "StreamName"), MEMBERS.integer(body, "ShardCount"), mode(body),
        MEMBERS.stringMap(body, "Tags"));
    return Map.of();
  }

  Object deleteStream(AwsRequest request) {
    engine.deleteStream(stream(request.body()), MEMBERS.bool(request.body(), "EnforceConsumerDeletion", false));
    return Map.of();
  }

  Object describeStream(AwsRequest request) {
    JsonNode body = request.body();
    int limit = bounded(MEMBERS.integer(body, "Limit"), DEFAULT_DESCRIBE_LIMIT, MAX_LIST, "limit");
    String start = MEMBERS.text(body, "ExclusiveStartShardId");
    StreamInfo info = engine.describeStream(stream(body));
    ShardId after = start == null ? null : shardId(start, "ExclusiveStartShardId");
    List<ShardInfo> shards = info.shards().stream().filter(s -> after == null || s.id().compareTo(after) > 0).toList();
    return doc("StreamDescription", Documents.description(info, engine.streamArn(info.name()),
        shards.subList(0, Math.min(limit, shards.size())), shards.size() > limit));
  }

  Object describeStreamSummary(AwsRequest request) {
    StreamInfo info = engine.describeStream(stream(request.body()));
    return doc("StreamDescriptionSummary", Documents.summary(info, engine.streamArn(info.name())));
  }

  Object listStreams(AwsRequest request) {
    JsonNode body = request.body();
    int limit = bounded(MEMBERS.integer(body, "Limit"), DEFAULT_LIST_STREAMS_LIMIT, MAX_LIST, "limit");
    String token = MEMBERS.text(body, "NextToken");
    String start = token != null ? PageTokens.decode(token, 1).get(0) : MEMBERS.text(body, "ExclusiveStartStreamName");
    StreamPage page = engine.listStreams(start, limit);
    List<StreamInfo> streams = page.streams();
    String next = page.hasMore() ? PageTokens.encode(streams.get(streams.size() - 1).name()) : null;
    return doc("StreamNames", streams.stream().map(StreamInfo::name).toList(), "HasMoreStreams", page.hasMore(),
        "NextToken", next, "StreamSummaries", streams.stream().map(s -> doc("StreamName", s.name(),
            "StreamARN", engine.streamArn(s.name()), "StreamStatus", s.status().name(),
            "StreamModeDetails", Documents.mode(s), "StreamCreationTimestamp", Instant.ofEpochMilli(s.createdMillis())))
            .toList());
  }

  Object listShards(AwsRequest request) {
    JsonNode body = request.body();
    int max = bounded(MEMBERS.integer(body, "MaxResults"), DEFAULT_LIST_SHARDS_MAX, MAX_LIST, "maxResults");
    String token = MEMBERS.text(body, "NextToken");
    String stream;
    ShardId after;
    ShardFilter filter;
    if (token != null) {
      if (MEMBERS.text(body, "StreamName") != null || MEMBERS.text(body, "ExclusiveStartShardId") != null
          || body.has("ShardFilter")) {
        throw new InvalidArgumentException("NextToken cannot be combined with StreamName, ExclusiveStartShardId or ShardFilter");
      }
      List<String> fields = PageTokens.decode(token, 5);
      stream = fields.get(0);
      after = shardId(fields.get(1), "NextToken");
      filter = fields.get(2).isEmpty() ? null : new ShardFilter(ShardFilter.Type.valueOf(fields.get(2)),
          fields.get(3).isEmpty() ? null : shardId(fields.get(3), "NextToken"),
          fields.get(4).isEmpty() ? null : Long.parseLong(fields.get(4)));
    } else {
      stream = stream(body);
      String start = MEMBERS.text(body, "ExclusiveStartShardId");
      after = start == null ? null : shardId(start, "ExclusiveStartShardId");
      filter = filter(request, MEMBERS.object(body, "ShardFilter"));
    }
    List<ShardInfo> shards = engine.listShards(stream, after, filter);
    List<ShardInfo> page = shards.subList(0, Math.min(max, shards.size()));
    String next = null;
    if (shards.size() > max) {
      next = PageTokens.encode(stream, page.get(page.size() - 1).id().toString(), filter == null ? "" : filter.type().name(),
          filter == null || filter.shardId() == null ? "" : filter.shardId().toString(),
          filter == null || filter.timestampMillis() == null ? "" : filter.timestampMillis().toString());
    }
    return doc("Shards", page.stream().map(Documents::shard).toList(), "NextToken", next);
  }

  private static ShardFilter filter(AwsRequest request, JsonNode node) {
    if (node == null) {
      return null;
    }
    String type = MEMBERS.requiredText(node, "Type");
    ShardFilter.Type parsed;
    try {
      parsed = ShardFilter.Type.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("ShardFilter Type " + type + " is not one of " + List.of(ShardFilter.Type.values()));
    }
    String shard = MEMBERS.text(node, "ShardId");
    Instant at = request.timestamp(node.get("Timestamp"));
    return new ShardFilter(parsed, shard == null ? null : shardId(shard, "ShardId"), at == null ? null : at.toEpochMilli());
  }

  Object addTags(AwsRequest request) {
    engine.addTags(stream(request.body()), MEMBERS.required(MEMBERS.stringMap(request.body(), "Tags"), "Tags"));
    return Map.of();
  }

  Object removeTags(AwsRequest request) {
    engine.removeTags(stream(request.body()), MEMBERS.required(MEMBERS.stringList(request.body(), "TagKeys"), "TagKeys"));
    return Map.of();
  }

  Object listTags(AwsRequest request) {
    JsonNode body = request.body();
    int limit = bounded(MEMBERS.integer(body, "Limit"), 50, 50, "limit");
    String start = MEMBERS.text(body, "ExclusiveStartTagKey");
    Map<String, String> tags = engine.describeStream(stream(body)).tags();
    List<Map.Entry<String, String>> after = tags.entrySet().stream()
        .filter(e -> start == null || e.getKey().compareTo(start) > 0).toList();
    return doc("Tags", after.stream().limit(limit).map(e -> doc("Key", e.getKey(), "Value", e.getValue())).toList(),
        "HasMoreTags", after.size() > limit);
  }

  Object increaseRetention(AwsRequest request) {
    engine.increaseRetention(stream(request.body()),
        MEMBERS.required(MEMBERS.integer(request.body(), "RetentionPeriodHours"), "RetentionPeriodHours"));
    return Map.of();
  }

  Object decreaseRetention(AwsRequest request) {
    engine.decreaseRetention(stream(request.body()),
        MEMBERS.required(MEMBERS.integer(request.body(), "RetentionPeriodHours"), "RetentionPeriodHours"));
    return Map.of();
  }

  Object splitShard(AwsRequest request) {
    JsonNode body = request.body();
    String key = MEMBERS.requiredText(body, "NewStartingHashKey");
    if (!dev.argus.datastream.shard.HashKeys.isDecimal(key)) {
      throw new ValidationException("NewStartingHashKey must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
    }
    engine.splitShard(stream(body), shardId(MEMBERS.requiredText(body, "ShardToSplit"), "ShardToSplit"),
        new BigInteger(key));
    return Map.of();
  }

  Object mergeShards(AwsRequest request) {
    JsonNode body = request.body();
    engine.mergeShards(stream(body), shardId(MEMBERS.requiredText(body, "ShardToMerge"), "ShardToMerge"),
        shardId(MEMBERS.requiredText(body, "AdjacentShardToMerge"), "AdjacentShardToMerge"));
    return Map.of();
  }

  Object updateShardCount(AwsRequest request) {
    JsonNode body = request.body();
    int target = MEMBERS.required(MEMBERS.integer(body, "TargetShardCount"), "TargetShardCount");
    String scaling = MEMBERS.requiredText(body, "ScalingType");
    if (!scaling.equals("UNIFORM_SCALING")) {
      throw new ValidationException("ScalingType must be UNIFORM_SCALING, not " + scaling);
    }
    String stream = stream(body);
    int current = engine.updateShardCount(stream, target);
    String name = engine.describeStream(stream).name();
    return doc("StreamName", name, "CurrentShardCount", current, "TargetShardCount", target,
        "StreamARN", engine.streamArn(name));
  }

  Object updateStreamMode(AwsRequest request) {
    JsonNode body = request.body();
    StreamMode mode = MEMBERS.required(mode(body), "StreamModeDetails");
    engine.updateStreamMode(MEMBERS.requiredText(body, "StreamARN"), mode);
    return Map.of();
  }

  Object describeLimits(AwsRequest request) {
    int open = 0;
    int onDemand = 0;
    String start = null;
    StreamPage page;
    do {
      page = engine.listStreams(start, MAX_LIST);
      for (StreamInfo info : page.streams()) {
        open += info.openShards().size();
        onDemand += info.mode() == StreamMode.ON_DEMAND ? 1 : 0;
        start = info.name();
      }
    } while (page.hasMore());
    return doc("ShardLimit", engine.config().maxOpenShards(), "OpenShardCount", open,
        "OnDemandStreamCount", onDemand, "OnDemandStreamCountLimit", 50);
  }
}
