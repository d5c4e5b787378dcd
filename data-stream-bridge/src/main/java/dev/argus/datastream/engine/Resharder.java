package dev.argus.datastream.engine;

import dev.argus.datastream.shard.HashKeys;
import dev.argus.datastream.shard.ShardId;
import dev.argus.log.LogConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out reshards: plans them with {@link Resharding}, seals the parents' logs, opens the
 * children's, and commits the new shard list. Also splits ON_DEMAND shards that stay hot.
 *
 * <p>Thread-safe: every reshard runs under the table's lock.
 */
final class Resharder {

  private static final Logger LOG = LoggerFactory.getLogger(Resharder.class);
  static final int MAX_SHARD_COUNT = DataStreamEngine.MAX_SHARD_COUNT;

  private final EngineConfig config;
  private final StreamTable table;
  private final LogConfig logConfig;

  Resharder(EngineConfig config, StreamTable table, LogConfig logConfig) {
    this.config = config;
    this.table = table;
    this.logConfig = logConfig;
  }

  void split(String stream, ShardId shard, BigInteger newStartingHashKey) {
    reshard(stream, 1, (info, ends) -> Resharding.split(info.shards(), shard, newStartingHashKey,
        config.clock().millis(), ends), List.of(shard));
  }

  void merge(String stream, ShardId shard, ShardId adjacent) {
    reshard(stream, 0, (info, ends) -> Resharding.merge(info.shards(), shard, adjacent,
        config.clock().millis(), ends), List.of(shard, adjacent));
  }

  /**
   * UNIFORM_SCALING to {@code target} open shards; returns the count before.
   *
   * @throws LimitExceededException below half or above double the current count
   */
  int updateShardCount(String stream, int target) {
    if (target < 1 || target > MAX_SHARD_COUNT) {
      throw new ValidationException("TargetShardCount must be between 1 and " + MAX_SHARD_COUNT + ": " + target);
    }
    int current = table.active(stream).info().openShards().size();
    if (target > 2 * current || 2 * target < current) {
      throw new LimitExceededException("UpdateShardCount can scale from " + current + " shards only to between "
          + (current + 1) / 2 + " and " + 2 * current + ", not " + target);
    }
    List<ShardId> open = table.active(stream).info().openShards().stream().map(ShardInfo::id).toList();
    reshard(stream, target - current, (info, ends) -> Resharding.uniform(info.shards(), target,
        config.clock().millis(), ends), open);
    return current;
  }

  /** What a reshard computes, given the stream and the closed parents' end offsets. */
  private interface Plan {
    List<ShardInfo> apply(StreamInfo info, java.util.function.ToLongFunction<ShardId> ends);
  }

  /**
   * Seals the parents (holding their write locks so no put lands in them), makes their records
   * durable, saves the new shard list, publishes it, and only then lets blocked writers go: they
   * find the parents sealed and route again to the children.
   */
  private void reshard(String stream, int addedOpenShards, Plan plan, List<ShardId> parents) {
    synchronized (table.lock) {
      LiveStream live = table.active(stream);
      StreamInfo info = live.info();
      table.checkShardLimit(addedOpenShards);
      List<ShardLog> locked = new ArrayList<>();
      try {
        for (ShardId parent : parents) {
          info.shard(parent).orElseThrow(() -> new StreamNotFoundException("Shard " + parent + " in stream "
              + info.name() + " under account " + config.account() + " does not exist"));
          ShardLog log = live.log(parent);
          log.writeLock.lock();
          locked.add(log);
          log.awaitDurable();
        }
        StreamInfo next = info.withShards(plan.apply(info, id -> live.log(id).log.nextOffset()));
        if (next.equals(info)) {
          return;
        }
        live.openLogs(next.shards(), logConfig, config.clock().millis());
        table.commit(live, next);
        for (ShardInfo shard : next.shards()) {
          if (!shard.isOpen()) {
            live.log(shard.id()).sealed = true;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        locked.forEach(log -> log.writeLock.unlock());
      }
    }
  }

  /** ON_DEMAND: splits a shard that stayed over its write budget in two at its midpoint. */
  void splitHot(LiveStream stream, ShardId shard) {
    try {
      StreamInfo info = stream.info();
      ShardInfo hot = info.shard(shard).orElseThrow();
      if (hot.isOpen() && info.mode() == StreamMode.ON_DEMAND && table.streams.get(info.name()) == stream) {
        split(info.name(), shard, HashKeys.midpoint(hot.hashKeyRange()));
        LOG.info("split hot ON_DEMAND shard {} of {}", shard, info.name());
      }
    } catch (RuntimeException e) {
      LOG.warn("could not split hot shard {}", shard, e);
    }
  }

}
