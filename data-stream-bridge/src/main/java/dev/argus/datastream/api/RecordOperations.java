package dev.argus.datastream.api;

import static dev.argus.datastream.api.Documents.doc;
import static dev.argus.datastream.api.Members.MEMBERS;
import static dev.argus.datastream.api.StreamOperations.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.AwsRequest;
import dev.argus.datastream.engine.ConsumerInfo;
import dev.argus.datastream.engine.DataStreamEngine;
import dev.argus.datastream.engine.IteratorType;
import dev.argus.datastream.engine.PutEntry;
import dev.argus.datastream.engine.RecordBatch;
import dev.argus.datastream.engine.StreamInfo;
import dev.argus.datastream.engine.StreamNotFoundException;
import dev.argus.datastream.engine.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data plane and the enhanced fan-out consumer registry: request bodies in, engine calls,
 * response documents out. Puts answer once their records are durable. The three hot answers
 * (PutRecord, PutRecords, GetRecords) are {@link EncodedDocument}s that write themselves to the
 * generator; the rest are ordered maps from {@link Documents}. Stateless over the thread-safe
 * engine.
 */
final class RecordOperations {

  private static final Pattern ORDERING = Pattern.compile("0|[1-9]\\d{0,128}");
  private static final Pattern CONSUMER_ARN = Pattern.compile("(arn:[^/]+:stream/[^/]+)/consumer/([^:/]+):(\\d+)");

  private final DataStreamEngine engine;

  RecordOperations(DataStreamEngine engine) {
    this.engine = engine;
  }

  private static PutEntry entry(JsonNode node) {
    return new PutEntry(MEMBERS.requiredText(node, "PartitionKey"), MEMBERS.required(MEMBERS.blob(node, "Data"), "Data"),
        MEMBERS.text(node, "ExplicitHashKey"));
  }

  CompletableFuture<Object> putRecord(AwsRequest request) {
    JsonNode body = request.body();
    String ordering = MEMBERS.text(body, "SequenceNumberForOrdering");
    if (ordering != null && !ORDERING.matcher(ordering).matches()) {
      throw new ValidationException("1 validation error detected: Value '" + ordering
          + "' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})");
    }
    // Sequence numbers of one shard only grow, so every put is already ordered after the one named.
    return engine.putRecord(stream(body), entry(body))
        .thenApply(stored -> new PutRecordResponse(stored.shard(), stored.sequenceNumber()));
  }

  CompletableFuture<Object> putRecords(AwsRequest request) {
    JsonNode body = request.body();
    List<JsonNode> nodes = MEMBERS.required(MEMBERS.list(body, "Records"), "Records");
    List<PutEntry> entries = new ArrayList<>(nodes.size());
    for (JsonNode node : nodes) {
      entries.add(entry(node));
    }
    return engine.putRecords(stream(body), entries).thenApply(PutRecordsResponse::new);
  }

  Object getShardIterator(AwsRequest request) {
    JsonNode body = request.body();
    String type = MEMBERS.requiredText(body, "ShardIteratorType");
    IteratorType parsed;
    try {
      parsed = IteratorType.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("1 validation error detected: Value '" + type
          + "' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: "
          + List.of(IteratorType.values()));
    }
    String iterator = engine.getShardIterator(stream(body),
        StreamOperations.shardId(MEMBERS.requiredText(body, "ShardId"), "ShardId"), parsed,
        MEMBERS.text(body, "StartingSequenceNumber"), request.timestamp(body.get("Timestamp")));
    return doc("ShardIterator", iterator);
  }

  Object getRecords(AwsRequest request) {
    JsonNode body = request.body();
    Integer limit = MEMBERS.integer(body, "Limit");
    RecordBatch batch = engine.getRecords(MEMBERS.requiredText(body, "ShardIterator"),
        limit == null ? 10_000 : limit);
    return new GetRecordsResponse(batch);
  }

  // ---- enhanced fan-out consumers ----

  Object registerConsumer(AwsRequest request) {
    JsonNode body = request.body();
    String streamArn = MEMBERS.requiredText(body, "StreamARN");
    ConsumerInfo consumer = engine.registerConsumer(streamArn, MEMBERS.requiredText(body, "ConsumerName"));
    return doc("Consumer", Documents.consumer(consumer, canonicalArn(streamArn), false));
  }

  Object describeConsumer(AwsRequest request) {
    ConsumerRef ref = consumerRef(request.body());
    return doc("ConsumerDescription", Documents.consumer(ref.consumer(), ref.streamArn(), true));
  }

  Object deregisterConsumer(AwsRequest request) {
    ConsumerRef ref = consumerRef(request.body());
    engine.deregisterConsumer(ref.streamArn(), ref.consumer().name());
    return Map.of();
  }

  Object listConsumers(AwsRequest request) {
    JsonNode body = request.body();
    String streamArn = MEMBERS.requiredText(body, "StreamARN");
    int max = StreamOperations.bounded(MEMBERS.integer(body, "MaxResults"), 100, StreamOperations.MAX_LIST, "maxResults");
    String token = MEMBERS.text(body, "NextToken");
    String after = token == null ? null : PageTokens.decode(token, 1).get(0);
    StreamInfo info = engine.describeStream(streamArn);
    String arn = engine.streamArn(info.name());
    List<ConsumerInfo> rest = info.consumers().stream().filter(c -> after == null || c.name().compareTo(after) > 0)
        .sorted(java.util.Comparator.comparing(ConsumerInfo::name)).toList();
    List<ConsumerInfo> page = rest.subList(0, Math.min(max, rest.size()));
    return doc("Consumers", page.stream().map(c -> Documents.consumer(c, arn, false)).toList(),
        "NextToken", rest.size() > max ? PageTokens.encode(page.get(page.size() - 1).name()) : null);
  }

  private String canonicalArn(String stream) {
    return engine.streamArn(engine.describeStream(stream).name());
  }

  /** A consumer named by ConsumerARN, or by StreamARN and ConsumerName. */
  record ConsumerRef(String streamArn, ConsumerInfo consumer) {
  }

  ConsumerRef consumerRef(JsonNode body) {
    String consumerArn = MEMBERS.text(body, "ConsumerARN");
    if (consumerArn != null) {
      Matcher m = CONSUMER_ARN.matcher(consumerArn);
      if (!m.matches()) {
        throw new ValidationException("ConsumerARN " + consumerArn + " is not a consumer ARN");
      }
      String streamArn = canonicalArn(m.group(1));
      ConsumerInfo consumer = engine.consumer(streamArn, m.group(2));
      if (!consumer.arn(streamArn).equals(consumerArn)) {
        throw new StreamNotFoundException("Consumer " + consumerArn + " not found.");
      }
      return new ConsumerRef(streamArn, consumer);
    }
    String streamArn = canonicalArn(MEMBERS.requiredText(body, "StreamARN"));
    return new ConsumerRef(streamArn, engine.consumer(streamArn, MEMBERS.requiredText(body, "ConsumerName")));
  }
}
