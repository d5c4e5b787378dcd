package dev.argus.datastream.engine;

import dev.argus.datastream.shard.ShardId;
import dev.argus.log.FileReaper;
import dev.argus.log.FsyncPolicy;
import dev.argus.log.LogConfig;
import dev.argus.log.LogFlusher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Kinesis Data Streams engine: streams of shards, each shard a {@link Log}, with the
 * Kinesis semantics for routing, sequence numbers, iterators, resharding, retention and budgets.
 * This is the in-process API; the wire API is a thin layer over it.
 *
 * <p>A stream is named by its name or its ARN wherever a {@code stream} parameter is taken.
 * Failures are {@link StreamsException}s; storage failures are {@link UncheckedIOException}s.
 *
 * <p>On disk, in its directory: {@code streams.json} (every stream's metadata, replaced atomically
 * on each change, see {@code MetadataFile}), {@code iterator.key}, and {@code logs/<name>-<created
 * millis>/<shardId>/} (one log per shard). A change is durable before its call returns; a put's
 * future completes once its records are durable, and only durable records are ever read.
 *
 * <p>Thread-safe. Metadata changes are serialised by one lock; puts and reads run in parallel
 * with each other and with metadata changes.
 */
public final class DataStreamEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DataStreamEngine.class);
  static final int ON_DEMAND_SHARDS = 4;
  static final int MAX_SHARD_COUNT = 100_000;
  static final int MAX_TAGS = 50;
  static final int MAX_CONSUMERS = 20;

  private final EngineConfig config;
  private final MetadataFile metadata;
  private final Path logsRoot;
  /**
   * Frees deleted streams' logs and the segments retention drops in the background, paced, so
   * neither stalls other streams' fsyncs.
   */
  private final FileReaper reaper;
  private final LogFlusher flusher;
  private final LogConfig logConfig;
  private final RecordPlane records;
  private final ScheduledExecutorService maintenance;
  private final StreamTable table;
  private final ConcurrentSkipListMap<String, LiveStream> streams;
  private final Object lock;
  private final Resharder resharder;
  private boolean closed;

  private DataStreamEngine(Path dir, EngineConfig config) throws IOException {
    this.config = config;
    this.metadata = new MetadataFile(dir);
    this.table = new StreamTable(config, metadata);
    this.streams = table.streams;
    this.lock = table.lock;
    this.logsRoot = dir.resolve("logs");
    this.flusher = switch (config.fsyncMode()) {
      case EVERY_WRITE -> null;
      case INTERVAL -> LogFlusher.start(config.fsyncInterval(), "argus-streams-fsync");
      case CONTINUOUS -> LogFlusher.continuous("argus-streams-fsync", EngineConfig.DEFAULT_FSYNC_THREADS);
    };
    FsyncPolicy fsync = flusher == null ? FsyncPolicy.everyWrite() : FsyncPolicy.interval(flusher);
    this.reaper = FileReaper.start(dir.resolve("trash"), FileReaper.DEFAULT_BYTES_PER_SECOND, "argus-streams-reaper");
    this.logConfig = LogConfig.defaults(fsync, config.clock())
        .withReaper(reaper) // retention's segments too
        .withMaxEntryBytes(RecordPlane.MAX_RECORD_BYTES + 1024)
        .withMaxSegmentAge(Duration.ofHours(1)) // retention drops whole segments: keep them about an hour long
        .withDirectAppendBytes(config.directAppendBytes());
    this.resharder = new Resharder(config, table, logConfig);
    this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "argus-streams-maintenance");
      thread.setDaemon(true);
      return thread;
    });
    this.records = new RecordPlane(config, new ShardIterators(metadata.iteratorKey()),
        (stream, shard) -> maintenance.execute(() -> resharder.splitHot(stream, shard)));
  }

  /**
   * Opens the engine in {@code dir}, creating it when new: loads the metadata, opens every shard's
   * log (recovering it after a crash) and finishes deletions that a stop interrupted.
   */
  public static DataStreamEngine open(Path dir, EngineConfig config) throws IOException {
    DataStreamEngine engine = new DataStreamEngine(dir, config);
    try {
      engine.load();
    } catch (IOException | RuntimeException e) {
      engine.close();
      throw e;
    }
    long period = config.retentionCheck().toMillis();
    engine.maintenance.scheduleWithFixedDelay(engine::applyRetentionQuietly, period, period, TimeUnit.MILLISECONDS);
    return engine;
  }

  private void load() throws IOException {
    long now = config.clock().millis();
    List<StreamInfo> kept = new ArrayList<>();
    for (StreamInfo info : metadata.load()) {
      if (info.status() == StreamStatus.DELETING) {
        reaper.delete(LiveStream.directory(logsRoot, info));
      } else {
        streams.put(info.name(), LiveStream.open(logsRoot, info, logConfig, now));
        kept.add(info);
      }
    }
    metadata.save(kept);
  }

  public EngineConfig config() {
    return config;
  }

  /** {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
  public String streamArn(String name) {
    return config.streamArn(name);
  }

  // ---- streams ----

  /**
   * Creates an ACTIVE stream with {@code shardCount} shards (PROVISIONED) or 4 (ON_DEMAND).
   *
   * @throws ResourceInUseException the name is taken
   * @throws LimitExceededException the open shards would pass {@link EngineConfig#maxOpenShards()}
   */
  public StreamInfo createStream(String name, Integer shardCount, StreamMode mode, Map<String, String> tags) {
    StreamNames.validName(name, "streamName");
    StreamMode effective = mode == null ? StreamMode.PROVISIONED : mode;
    int count;
    if (effective == StreamMode.ON_DEMAND) {
      count = ON_DEMAND_SHARDS;
    } else if (shardCount == null) {
      throw new ValidationException("ShardCount is required for a PROVISIONED stream");
    } else if (shardCount < 1 || shardCount > MAX_SHARD_COUNT) {
      throw new ValidationException("1 validation error detected: Value '" + shardCount
          + "' at 'shardCount' failed to satisfy constraint: Member must have value between 1 and " + MAX_SHARD_COUNT);
    } else {
      count = shardCount;
    }
    Map<String, String> initialTags = tags == null ? Map.of() : tags;
    Tags.check(initialTags, Map.of());
    synchronized (lock) {
      ensureOpen();
      if (streams.containsKey(name)) {
        throw new ResourceInUseException("Stream " + name + " under account " + config.account() + " already exists.");
      }
      table.checkShardLimit(count);
      long now = Math.max(config.clock().millis(), 1);
      StreamInfo info = new StreamInfo(name, now, StreamStatus.ACTIVE, effective, StreamInfo.MIN_RETENTION_HOURS,
          Resharding.initial(count, now), new TreeMap<>(initialTags), List.of());
      try {
        LiveStream stream = LiveStream.open(logsRoot, info, logConfig, now);
        streams.put(name, stream);
        table.save();
      } catch (IOException e) {
        streams.remove(name);
        throw new UncheckedIOException(e);
      }
      return info;
    }
  }

  /**
   * Marks the stream DELETING; it is gone (logs deleted) {@link EngineConfig#deleteDelay()} later.
   *
   * @throws ResourceInUseException it has consumers and {@code enforceConsumerDeletion} is false
   */
  public void deleteStream(String stream, boolean enforceConsumerDeletion) {
    synchronized (lock) {
      LiveStream live = live(stream);
      StreamInfo info = live.info();
      if (!info.consumers().isEmpty() && !enforceConsumerDeletion) {
        throw new ResourceInUseException("Stream " + info.name() + " has registered consumers; set EnforceConsumerDeletion");
      }
      table.commit(live, info.withStatus(StreamStatus.DELETING).withConsumers(List.of()));
    }
    maintenance.schedule(() -> finishDelete(stream), config.deleteDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void finishDelete(String stream) {
    synchronized (lock) {
      LiveStream live = streams.get(StreamNames.resolve(stream, config));
      if (closed || live == null || live.info().status() != StreamStatus.DELETING) {
        return;
      }
      streams.remove(live.info().name());
      try {
        live.close();
      } catch (IOException e) {
        LOG.warn("closing deleted stream {} failed; its files go all the same", live.info().name(), e);
      }
      try {
        reaper.delete(live.dir); // before the metadata forgets the stream: a crash between leaves no orphan
        table.save();
      } catch (IOException e) {
        LOG.warn("deleting stream {} failed; it is finished on the next start", live.info().name(), e);
      }
    }
  }

  /** The stream's metadata, DELETING included. */
  public StreamInfo describeStream(String stream) {
    return table.any(stream).info();
  }

  /** Up to {@code limit} streams after {@code exclusiveStart} (null for the first), by name. */
  public StreamPage listStreams(String exclusiveStart, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new ValidationException("Limit must be between 1 and 10000: " + limit);
    }
    Map<String, LiveStream> tail = exclusiveStart == null ? streams : streams.tailMap(exclusiveStart, false);
    List<StreamInfo> page = tail.values().stream().limit(limit + 1L).map(LiveStream::info).toList();
    return new StreamPage(page.subList(0, Math.min(limit, page.size())), page.size() > limit);
  }

  /**
   * The stream's shards by id that pass {@code filter} (null: all) and come after {@code
   * exclusiveStart} (null: from the first).
   */
  public List<ShardInfo> listShards(String stream, ShardId exclusiveStart, ShardFilter filter) {
    StreamInfo info = table.active(stream).info();
    long horizon = config.clock().millis() - Duration.ofHours(info.retentionHours()).toMillis();
    return info.shards().stream()
        .filter(s -> exclusiveStart == null || s.id().compareTo(exclusiveStart) > 0)
        .filter(s -> filter == null || filter.accepts(s, horizon, info.createdMillis()))
        .toList();
  }

  public void addTags(String stream, Map<String, String> tags) {
    table.update(stream, info -> {
      Tags.check(tags, info.tags());
      Map<String, String> next = new TreeMap<>(info.tags());
      next.putAll(tags);
      return info.withTags(next);
    });
  }

  public void removeTags(String stream, List<String> keys) {
    table.update(stream, info -> {
      Tags.checkKeys(keys);
      Map<String, String> next = new TreeMap<>(info.tags());
      keys.forEach(next::remove);
      return info.withTags(next);
    });
  }

  /** @throws InvalidArgumentException {@code hours} is below the current period or out of 24..8760 */
  public void increaseRetention(String stream, int hours) {
    checkRetention(hours);
    table.update(stream, info -> {
      if (hours < info.retentionHours()) {
        throw new InvalidArgumentException("Requested retention period (" + hours + " hours) for stream " + info.name()
            + " can not be shorter than existing retention period (" + info.retentionHours()
            + " hours). Use DecreaseRetentionPeriod API.");
      }
      return info.withRetentionHours(hours);
    });
  }

  /** Shortens retention and drops the segments that fall out of it at once. */
  public void decreaseRetention(String stream, int hours) {
    checkRetention(hours);
    table.update(stream, info -> {
      if (hours > info.retentionHours()) {
        throw new InvalidArgumentException("Requested retention period (" + hours + " hours) for stream " + info.name()
            + " can not be longer than existing retention period (" + info.retentionHours()
            + " hours). Use IncreaseRetentionPeriod API.");
      }
      return info.withRetentionHours(hours);
    });
    applyRetention(live(stream));
  }

  private static void checkRetention(int hours) {
    if (hours < StreamInfo.MIN_RETENTION_HOURS || hours > StreamInfo.MAX_RETENTION_HOURS) {
      throw new InvalidArgumentException("Minimum allowed retention period is " + StreamInfo.MIN_RETENTION_HOURS
          + " hours and maximum is " + StreamInfo.MAX_RETENTION_HOURS + " hours; requested " + hours);
    }
  }

  public void updateStreamMode(String stream, StreamMode mode) {
    table.update(stream, info -> info.withMode(mode));
  }

  // ---- resharding ----

  /** Splits an open shard in two at {@code newStartingHashKey}; see {@link Resharder}. */
  public void splitShard(String stream, ShardId shard, BigInteger newStartingHashKey) {
    resharder.split(stream, shard, newStartingHashKey);
  }

  /** Merges two adjacent open shards; see {@link Resharder}. */
  public void mergeShards(String stream, ShardId shard, ShardId adjacent) {
    resharder.merge(stream, shard, adjacent);
  }

  /**
   * UNIFORM_SCALING to {@code target} open shards; returns the count before.
   *
   * @throws LimitExceededException below half or above double the current count
   */
  public int updateShardCount(String stream, int target) {
    return resharder.updateShardCount(stream, target);
  }

  // ---- records ----

  /** Puts records; the future completes once every stored one is durable. See {@link PutOutcome}. */
  public CompletableFuture<List<PutOutcome>> putRecords(String stream, List<PutEntry> entries) {
    return records.put(writable(stream), entries);
  }

  /**
   * Puts one record.
   *
   * @throws ThroughputExceededException its shard's write budget is spent (the future fails)
   */
  public CompletableFuture<PutOutcome.Stored> putRecord(String stream, PutEntry entry) {
    return records.put(writable(stream), List.of(entry)).thenApply(outcomes -> {
      if (outcomes.get(0) instanceof PutOutcome.Failed failed) {
        throw new ThroughputExceededException(failed.errorMessage());
      }
      return (PutOutcome.Stored) outcomes.get(0);
    });
  }

  /**
   * A shard iterator: an opaque token valid for {@link ShardIterators#LIFETIME}.
   *
   * @param sequenceNumber for AT_/AFTER_SEQUENCE_NUMBER; one of another shard is an InvalidArgumentException
   * @param timestamp      for AT_TIMESTAMP
   */
  public String getShardIterator(String stream, ShardId shard, IteratorType type, String sequenceNumber, Instant timestamp) {
    return records.iterator(table.active(stream), shard, type, sequenceNumber, timestamp == null ? null : timestamp.toEpochMilli());
  }

  /** Up to {@code limit} (1..10000) records and at most 10 MiB from where the iterator stands. */
  public RecordBatch getRecords(String shardIterator, int limit) {
    return records.get(table::active, shardIterator, limit);
  }

  /**
   * An enhanced fan-out read: like {@link #getRecords} but at most {@code maxBytes} and without
   * spending the shard's shared GetRecords budget; the subscription paces itself.
   */
  public RecordBatch readForSubscription(String shardIterator, int limit, long maxBytes) {
    return records.get(table::active, shardIterator, limit, maxBytes, false);
  }

  // ---- consumers ----

  public ConsumerInfo registerConsumer(String stream, String consumerName) {
    StreamNames.validName(consumerName, "consumerName");
    long now = config.clock().millis();
    table.update(stream, info -> {
      if (info.consumer(consumerName).isPresent()) {
        throw new ResourceInUseException("Consumer " + consumerName + " already exists on " + info.name());
      }
      if (info.consumers().size() >= MAX_CONSUMERS) {
        throw new LimitExceededException("A stream has at most " + MAX_CONSUMERS + " consumers");
      }
      List<ConsumerInfo> next = new ArrayList<>(info.consumers());
      next.add(new ConsumerInfo(consumerName, now));
      return info.withConsumers(next);
    });
    return consumer(stream, consumerName);
  }

  public ConsumerInfo consumer(String stream, String consumerName) {
    StreamInfo info = table.active(stream).info();
    return info.consumer(consumerName).orElseThrow(() -> new StreamNotFoundException("Consumer " + consumerName
        + " under stream " + info.name() + " not found."));
  }

  public void deregisterConsumer(String stream, String consumerName) {
    table.update(stream, info -> {
      ConsumerInfo consumer = info.consumer(consumerName).orElseThrow(() -> new StreamNotFoundException(
          "Consumer " + consumerName + " under stream " + info.name() + " not found."));
      List<ConsumerInfo> next = new ArrayList<>(info.consumers());
      next.remove(consumer);
      return info.withConsumers(next);
    });
  }

  // ---- retention ----

  /** Drops, in every shard of every stream, the segments wholly older than its retention period. */
  public void applyRetention() {
    for (LiveStream stream : streams.values()) {
      applyRetention(stream);
    }
  }

  private void applyRetention(LiveStream stream) {
    Duration retention = Duration.ofHours(stream.info().retentionHours());
    for (ShardLog log : stream.logs()) {
      log.writeLock.lock();
      try {
        log.log.applyRetention(retention);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        log.writeLock.unlock();
      }
    }
  }

  private void applyRetentionQuietly() {
    try {
      applyRetention();
    } catch (RuntimeException e) {
      LOG.warn("retention pass failed", e);
    }
  }

  // ---- plumbing ----

  private LiveStream live(String stream) {
    synchronized (lock) {
      ensureOpen();
      return table.active(stream);
    }
  }

  private LiveStream writable(String stream) {
    return table.active(stream);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("engine closed");
    }
  }

  /** Stops maintenance, forces and closes every log. Idempotent. */
  @Override
  public void close() throws IOException {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    maintenance.shutdownNow();
    IOException failure = null;
    for (LiveStream stream : streams.values()) {
      try {
        stream.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (flusher != null) {
      flusher.close();
    }
    reaper.close();
    if (failure != null) {
      throw failure;
    }
  }

  /** Waits until deleted streams' files are freed; false on timeout. For tests. */
  boolean awaitDeletions(long timeout, TimeUnit unit) throws InterruptedException {
    return reaper.awaitEmpty(timeout, unit);
  }
}
