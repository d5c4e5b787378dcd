package dev.argus.datastream.engine;

import dev.argus.datastream.shard.ShardId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A stream's metadata: everything but its records. Immutable; each change makes a new one. This
 * record is also the persisted form (see {@code MetadataFile}).
 *
 * <p>Invariants: {@code shards.get(i).id().index() == i} (shards are never removed, so indexes
 * are dense and never reused); the open shards' ranges partition the whole hash-key space.
 *
 * @param name           the stream's name
 * @param createdMillis  creation time; also tells a re-created stream from the old one
 * @param status         ACTIVE or DELETING
 * @param mode           capacity mode
 * @param retentionHours 24..8760
 * @param shards         every shard ever, by index
 * @param tags           key to value, sorted by key
 * @param consumers      enhanced fan-out consumers, in registration order
 */
public record StreamInfo(String name, long createdMillis, StreamStatus status, StreamMode mode, int retentionHours,
                         List<ShardInfo> shards, SortedMap<String, String> tags, List<ConsumerInfo> consumers) {

  public static final int MIN_RETENTION_HOURS = 24;
  public static final int MAX_RETENTION_HOURS = 8760;

  public StreamInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(mode, "mode");
    shards = List.copyOf(shards);
    tags = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    consumers = List.copyOf(consumers);
    for (int i = 0; i < shards.size(); i++) {
      if (shards.get(i).id().index() != i) {
        throw new IllegalArgumentException("shard " + i + " has id " + shards.get(i).id());
      }
    }
  }

  public List<ShardInfo> openShards() {
    return shards.stream().filter(ShardInfo::isOpen).toList();
  }

  public Optional<ShardInfo> shard(ShardId id) {
    return id.index() < shards.size() ? Optional.of(shards.get(id.index())) : Optional.empty();
  }

  /** The shards whose parent or adjacent parent is {@code id}. */
  public List<ShardInfo> children(ShardId id) {
    return shards.stream().filter(s -> id.equals(s.parent()) || id.equals(s.adjacentParent())).toList();
  }

  public Optional<ConsumerInfo> consumer(String consumerName) {
    return consumers.stream().filter(c -> c.name().equals(consumerName)).findFirst();
  }

  public StreamInfo withStatus(StreamStatus newStatus) {
    return new StreamInfo(name, createdMillis, newStatus, mode, retentionHours, shards, tags, consumers);
  }

  public StreamInfo withMode(StreamMode newMode) {
    return new StreamInfo(name, createdMillis, status, newMode, retentionHours, shards, tags, consumers);
  }

  public StreamInfo withRetentionHours(int hours) {
    return new StreamInfo(name, createdMillis, status, mode, hours, shards, tags, consumers);
  }

  public StreamInfo withShards(List<ShardInfo> newShards) {
    return new StreamInfo(name, createdMillis, status, mode, retentionHours, newShards, tags, consumers);
  }

  public StreamInfo withTags(Map<String, String> newTags) {
    return new StreamInfo(name, createdMillis, status, mode, retentionHours, shards, new TreeMap<>(newTags), consumers);
  }

  public StreamInfo withConsumers(List<ConsumerInfo> newConsumers) {
    return new StreamInfo(name, createdMillis, status, mode, retentionHours, shards, tags, newConsumers);
  }
}
