package dev.argus.datastream.api;

import dev.argus.datastream.engine.ConsumerInfo;
import dev.argus.datastream.engine.ShardInfo;
import dev.argus.datastream.engine.StreamInfo;
import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.ShardId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Kinesis response members from engine values, as ordered maps with null members left
 * out; {@code byte[]} become blobs and {@link Instant}s timestamps in the request's protocol.
 * The control plane's answers; the hot data-plane answers write themselves instead
 * ({@link EncodedDocument}). Stateless.
 */
final class Documents {

  private Documents() {
  }

  /** A map of alternating keys and values, skipping pairs whose value is null. */
  static Map<String, Object> doc(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        map.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return map;
  }

  static Map<String, Object> shard(ShardInfo shard) {
    return doc("ShardId", shard.id().toString(),
        "ParentShardId", text(shard.parent()),
        "AdjacentParentShardId", text(shard.adjacentParent()),
        "HashKeyRange", range(shard.hashKeyRange()),
        "SequenceNumberRange", doc("StartingSequenceNumber", shard.startingSequenceNumber().toString(),
            "EndingSequenceNumber", shard.endingSequenceNumber() == null ? null : shard.endingSequenceNumber().toString()));
  }

  static Map<String, Object> range(HashKeyRange range) {
    return doc("StartingHashKey", range.start().toString(), "EndingHashKey", range.end().toString());
  }

  static String text(ShardId id) {
    return id == null ? null : id.toString();
  }

  static Map<String, Object> mode(StreamInfo info) {
    return doc("StreamMode", info.mode().name());
  }

  /** DescribeStream's StreamDescription with the given page of shards. */
  static Map<String, Object> description(StreamInfo info, String arn, List<ShardInfo> shards, boolean hasMore) {
    return doc("StreamName", info.name(), "StreamARN", arn, "StreamStatus", info.status().name(),
        "StreamModeDetails", mode(info), "Shards", shards.stream().map(Documents::shard).toList(),
        "HasMoreShards", hasMore, "RetentionPeriodHours", info.retentionHours(),
        "StreamCreationTimestamp", Instant.ofEpochMilli(info.createdMillis()),
        "EnhancedMonitoring", List.of(doc("ShardLevelMetrics", List.of())), "EncryptionType", "NONE");
  }

  static Map<String, Object> summary(StreamInfo info, String arn) {
    return doc("StreamName", info.name(), "StreamARN", arn, "StreamStatus", info.status().name(),
        "StreamModeDetails", mode(info), "RetentionPeriodHours", info.retentionHours(),
        "StreamCreationTimestamp", Instant.ofEpochMilli(info.createdMillis()),
        "EnhancedMonitoring", List.of(doc("ShardLevelMetrics", List.of())), "EncryptionType", "NONE",
        "OpenShardCount", info.openShards().size(), "ConsumerCount", info.consumers().size());
  }

  static Map<String, Object> consumer(ConsumerInfo consumer, String streamArn, boolean withStream) {
    return doc("ConsumerName", consumer.name(), "ConsumerARN", consumer.arn(streamArn), "ConsumerStatus", "ACTIVE",
        "ConsumerCreationTimestamp", Instant.ofEpochMilli(consumer.createdMillis()),
        "StreamARN", withStream ? streamArn : null);
  }
}
