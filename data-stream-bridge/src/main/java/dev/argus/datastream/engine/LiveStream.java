package dev.argus.datastream.engine;

import dev.argus.datastream.shard.ShardId;
import dev.argus.log.Log;
import dev.argus.log.LogConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An open stream: its current metadata with a router over its open shards, and one {@link
 * ShardLog} per shard in {@code dir/<shardId>/}.
 *
 * <p>Thread-safe: {@link #state()} is a volatile snapshot; the engine publishes a new one under its
 * metadata lock after the change is durable.
 */
final class LiveStream {

  /** Metadata with the router built from it. */
  record State(StreamInfo info, Router router) {
    State(StreamInfo info) {
      this(info, new Router(info.shards()));
    }
  }

  final Path dir;
  private final ConcurrentHashMap<Integer, ShardLog> logs = new ConcurrentHashMap<>();
  private volatile State state;

  private LiveStream(Path dir, StreamInfo info) {
    this.dir = dir;
    this.state = new State(info);
  }

  /** The directory of a stream incarnation under the engine's {@code logs/}. */
  static Path directory(Path logsRoot, StreamInfo info) {
    return logsRoot.resolve(info.name() + "-" + info.createdMillis());
  }

  static LiveStream open(Path logsRoot, StreamInfo info, LogConfig config, long nowMillis) throws IOException {
    LiveStream stream = new LiveStream(directory(logsRoot, info), info);
    try {
      stream.openLogs(info.shards(), config, nowMillis);
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
    return stream;
  }

  State state() {
    return state;
  }

  StreamInfo info() {
    return state.info();
  }

  void publish(StreamInfo info) {
    state = new State(info);
  }

  ShardLog log(ShardId id) {
    ShardLog log = logs.get(id.index());
    if (log == null) {
      throw new StreamNotFoundException("Shard " + id + " in stream " + info().name() + " does not exist");
    }
    return log;
  }

  java.util.Collection<ShardLog> logs() {
    return logs.values();
  }

  /** Opens the logs of {@code shards} that are not open yet. */
  void openLogs(List<ShardInfo> shards, LogConfig config, long nowMillis) throws IOException {
    for (ShardInfo shard : shards) {
      if (!logs.containsKey(shard.id().index())) {
        Log log = Log.open(dir.resolve(shard.id().toString()), config);
        logs.put(shard.id().index(), new ShardLog(shard.id(), log, !shard.isOpen(), nowMillis));
      }
    }
  }

  /** Closes every log; the first failure is thrown after all were tried. */
  void close() throws IOException {
    IOException failure = null;
    for (ShardLog log : logs.values()) {
      try {
        log.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
