package dev.argus.datastream.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * The engine's open streams by name and the lock that serialises metadata changes: lookups,
 * durable commits of new metadata, and the open-shard limit.
 *
 * <p>Thread-safe: {@link #streams} is a concurrent map read without the lock and written under
 * {@link #lock}; a change is saved (see {@link MetadataFile}) before it is published.
 */
final class StreamTable {

  /** Every stream by name; written under {@link #lock}. */
  final ConcurrentSkipListMap<String, LiveStream> streams = new ConcurrentSkipListMap<>();
  /** Serialises metadata changes and saves. */
  final Object lock = new Object();
  private final EngineConfig config;
  private final MetadataFile metadata;

  StreamTable(EngineConfig config, MetadataFile metadata) {
    this.config = config;
    this.metadata = metadata;
  }

  void update(String stream, UnaryOperator<StreamInfo> change) {
    synchronized (lock) {
      LiveStream live = active(stream);
      commit(live, change.apply(live.info()));
    }
  }

  /** Saves the snapshot with {@code next} in it, then publishes {@code next}. Holds {@link #lock}. */
  void commit(LiveStream live, StreamInfo next) {
    StreamInfo before = live.info();
    live.publish(next);
    try {
      save();
    } catch (IOException e) {
      live.publish(before);
      throw new UncheckedIOException(e);
    }
  }

  void save() throws IOException {
    metadata.save(streams.values().stream().map(LiveStream::info).toList());
  }

  void checkShardLimit(int added) {
    int open = streams.values().stream().mapToInt(s -> s.info().openShards().size()).sum();
    if (added > 0 && open + added > config.maxOpenShards()) {
      throw new LimitExceededException("This request would exceed the shard limit for the account "
          + config.account() + " in " + config.region() + ". Current limit: " + config.maxOpenShards() + ".");
    }
  }

  LiveStream any(String stream) {
    String name = StreamNames.resolve(stream, config);
    LiveStream live = streams.get(name);
    if (live == null) {
      throw new StreamNotFoundException("Stream " + name + " under account " + config.account() + " not found.");
    }
    return live;
  }

  /** A stream that is not being deleted. */
  LiveStream active(String stream) {
    LiveStream live = any(stream);
    if (live.info().status() == StreamStatus.DELETING) {
      throw new StreamNotFoundException("Stream " + live.info().name() + " under account " + config.account() + " not found.");
    }
    return live;
  }

}
