package dev.argus.datastream.engine;

import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.HashKeys;
import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import dev.argus.log.LogEntry;
import dev.argus.log.OffsetOutOfRangeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The data plane over open streams: puts (routing, limits, budgets, appends, durability), shard
 * iterators and reads. Pure of metadata changes: it reads {@link LiveStream#state()} and never
 * writes it.
 *
 * <p>Thread-safe: any number of threads put and read at once; appends to one shard are serialised
 * by its {@link ShardLog#writeLock}.
 */
final class RecordPlane {

  /** Data plus partition key of one record: 1 MiB. */
  static final int MAX_RECORD_BYTES = 1 << 20;
  static final int MAX_PUT_RECORDS = 500;
  /** Data plus partition keys of one PutRecords call: 5 MiB. */
  static final int MAX_PUT_RECORDS_BYTES = 5 << 20;
  static final int MAX_PARTITION_KEY_CHARS = 256;
  static final int MAX_GET_LIMIT = 10_000;
  /** Payload bytes one GetRecords call returns at most: 10 MiB. */
  static final long MAX_GET_BYTES = 10L << 20;

  private final EngineConfig config;
  private final ShardIterators iterators;
  /** Told when an ON_DEMAND shard turns hot; must not block. */
  private final BiConsumer<LiveStream, ShardId> onHot;

  RecordPlane(EngineConfig config, ShardIterators iterators, BiConsumer<LiveStream, ShardId> onHot) {
    this.config = config;
    this.iterators = iterators;
    this.onHot = onHot;
  }

  /** Checks a PutRecords call's shape before anything is stored. */
  static void validateBatch(List<PutEntry> entries) {
    if (entries.isEmpty() || entries.size() > MAX_PUT_RECORDS) {
      throw new ValidationException("1 validation error detected: Value at 'records' failed to satisfy constraint: "
          + "Member must have length between 1 and " + MAX_PUT_RECORDS + " (got " + entries.size() + ")");
    }
    long total = 0;
    for (PutEntry entry : entries) {
      total += validate(entry);
    }
    if (total > MAX_PUT_RECORDS_BYTES) {
      throw new InvalidArgumentException("Records size exceeds 5 MB limit: " + total + " bytes");
    }
  }

  /** Checks one record; returns its size (data plus key bytes). */
  static int validate(PutEntry entry) {
    int keyChars = entry.partitionKey().length();
    if (keyChars < 1 || keyChars > MAX_PARTITION_KEY_CHARS) {
      throw new ValidationException("1 validation error detected: Value at 'partitionKey' failed to satisfy constraint: "
          + "Member must have length between 1 and " + MAX_PARTITION_KEY_CHARS);
    }
    int size = entry.data().length + entry.partitionKey().getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_RECORD_BYTES) {
      throw new ValidationException("1 validation error detected: Value at 'data' failed to satisfy constraint: "
          + "Member must have length less than or equal to " + MAX_RECORD_BYTES + " together with the partition key");
    }
    if (entry.explicitHashKey() != null) {
      hashKey(entry);
    }
    return size;
  }

  static BigInteger hashKey(PutEntry entry) {
    String explicit = entry.explicitHashKey();
    if (explicit == null) {
      return HashKeys.ofPartitionKey(entry.partitionKey());
    }
    if (!HashKeys.isDecimal(explicit)) {
      throw new ValidationException("1 validation error detected: Value '" + explicit
          + "' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
    }
    BigInteger key = new BigInteger(explicit);
    if (key.compareTo(HashKeyRange.MAX_KEY) > 0) {
      throw new InvalidArgumentException("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
          + explicit);
    }
    return key;
  }

  /**
   * Stores the entries, each in the open shard its key routes to, and completes once all stored
   * ones are durable (and visible). Entries over their shard's budget fail one by one.
   *
   * <p>The entries bound for one shard are appended in request order as one batch ({@link
   * dev.argus.log.Log#appendAll}): one lock, one write and one durability wait per shard, not per
   * record. A shard that a reshard sealed meanwhile sends its entries back to be routed again under
   * the new state, still in request order.
   */
  CompletableFuture<List<PutOutcome>> put(LiveStream stream, List<PutEntry> entries) {
    validateBatch(entries);
    long now = config.clock().millis();
    PutOutcome[] outcomes = new PutOutcome[entries.size()];
    BigInteger[] keys = new BigInteger[entries.size()];
    List<Integer> pending = new ArrayList<>(entries.size());
    for (int i = 0; i < keys.length; i++) {
      keys[i] = hashKey(entries.get(i));
      pending.add(i);
    }
    Map<ShardLog, Long> lastOffsets = new HashMap<>();
    while (!pending.isEmpty()) {
      LiveStream.State state = stream.state();
      Map<ShardId, List<Integer>> byShard = new LinkedHashMap<>();
      for (int i : pending) {
        byShard.computeIfAbsent(state.router().route(keys[i]), id -> new ArrayList<>()).add(i);
      }
      pending = new ArrayList<>();
      for (Map.Entry<ShardId, List<Integer>> group : byShard.entrySet()) {
        pending.addAll(putShard(stream, state, group.getKey(), group.getValue(), entries, now, outcomes, lastOffsets));
      }
    }
    CompletableFuture<?>[] durable = lastOffsets.entrySet().stream()
        .map(e -> e.getKey().log.durable(e.getValue()).thenRun(() -> e.getKey().advanceVisible(e.getValue() + 1)))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(durable).thenApply(done -> List.of(outcomes));
  }

  /**
   * Appends the entries at {@code indexes} (request order) to shard {@code id} as one batch, filling
   * their outcomes; returns the indexes to route again because the shard was sealed, else none.
   */
  private List<Integer> putShard(LiveStream stream, LiveStream.State state, ShardId id, List<Integer> indexes,
                                 List<PutEntry> entries, long now, PutOutcome[] outcomes,
                                 Map<ShardLog, Long> lastOffsets) {
    ShardLog shard = stream.log(id);
    shard.writeLock.lock();
    try {
      if (shard.sealed) {
        return indexes; // resharded under us: the new state is published before the lock is released
      }
      List<Integer> stored = new ArrayList<>(indexes.size());
      List<ByteBuffer> payloads = new ArrayList<>(indexes.size());
      for (int i : indexes) {
        PutEntry entry = entries.get(i);
        byte[] partitionKey = entry.partitionKey().getBytes(StandardCharsets.UTF_8);
        if (config.shardLimits() && !shard.limits.tryWrite(now, partitionKey.length + entry.data().length)) {
          if (state.info().mode() == StreamMode.ON_DEMAND && shard.hot.throttled(now)) {
            onHot.accept(stream, id);
          }
          outcomes[i] = new PutOutcome.Failed("ProvisionedThroughputExceededException", "Rate exceeded for shard " + id
              + " in stream " + state.info().name() + " under account " + config.account() + ".");
          continue;
        }
        stored.add(i);
        payloads.add(RecordCodec.encode(partitionKey, entry.data()));
      }
      if (!payloads.isEmpty()) {
        long first = shard.log.appendAll(now, payloads);
        for (int n = 0; n < stored.size(); n++) {
          outcomes[stored.get(n)] = new PutOutcome.Stored(id, SequenceNumber.ofRecord(id, first + n));
        }
        lastOffsets.merge(shard, first + stored.size() - 1, Math::max);
      }
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("append to " + id + " of " + state.info().name() + " failed", e);
    } finally {
      shard.writeLock.unlock();
    }
  }

  /** A new iterator; see {@link DataStreamEngine#getShardIterator}. */
  String iterator(LiveStream stream, ShardId id, IteratorType type, String sequenceNumber, Long timestampMillis) {
    StreamInfo info = stream.info();
    ShardInfo shard = info.shard(id).orElseThrow(() -> new StreamNotFoundException("Shard " + id + " in stream "
        + info.name() + " under account " + config.account() + " does not exist"));
    ShardLog log = stream.log(id);
    long end = end(shard, log);
    long offset = switch (type) {
      case TRIM_HORIZON -> log.log.firstOffset();
      case LATEST -> end;
      case AT_SEQUENCE_NUMBER -> sequenceOffset(id, sequenceNumber, end, false);
      case AFTER_SEQUENCE_NUMBER -> sequenceOffset(id, sequenceNumber, end, true);
      case AT_TIMESTAMP -> atTimestamp(log, timestampMillis, end);
    };
    long now = config.clock().millis();
    return iterators.encode(new IteratorPosition(info.name(), info.createdMillis(), id, offset, now));
  }

  private static long sequenceOffset(ShardId id, String text, long end, boolean after) {
    if (text == null) {
      throw new InvalidArgumentException("StartingSequenceNumber is required for AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER");
    }
    SequenceNumber number = SequenceNumber.parse(text).orElseThrow(() ->
        new InvalidArgumentException("StartingSequenceNumber " + text + " used in GetShardIterator on shard " + id
            + " is not a sequence number of this stream"));
    if (!number.shard().equals(id)) {
      throw new InvalidArgumentException("StartingSequenceNumber " + text + " used in GetShardIterator on shard " + id
          + " belongs to " + number.shard());
    }
    // position p is the record at offset p - 1; position 0 is the shard's start
    long offset = after ? number.position() : Math.max(0, number.position() - 1);
    if (offset > end) {
      throw new InvalidArgumentException("StartingSequenceNumber " + text + " used in GetShardIterator on shard " + id
          + " is past the shard's last record");
    }
    return offset;
  }

  private static long atTimestamp(ShardLog log, Long timestampMillis, long end) {
    if (timestampMillis == null) {
      throw new InvalidArgumentException("Timestamp is required for AT_TIMESTAMP");
    }
    try {
      return Math.min(log.log.offsetAtOrAfter(timestampMillis), end);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The end readers see: the durable end while open; the recorded end once closed. */
  private static long end(ShardInfo shard, ShardLog log) {
    return shard.isOpen() ? log.visibleEnd() : Math.min(shard.endOffset(), log.visibleEnd());
  }

  /** One GetRecords call; see {@link DataStreamEngine#getRecords}. */
  RecordBatch get(java.util.function.Function<String, LiveStream> lookup, String iterator, int limit) {
    return get(lookup, iterator, limit, MAX_GET_BYTES, true);
  }

  /**
   * A read of at most {@code maxBytes} payload bytes; {@code shared} says whether it spends the
   * shard's GetRecords budget (enhanced fan-out reads do not: each subscription paces itself).
   */
  RecordBatch get(java.util.function.Function<String, LiveStream> lookup, String iterator, int limit, long maxBytes,
                  boolean shared) {
    if (limit < 1 || limit > MAX_GET_LIMIT) {
      throw new ValidationException("1 validation error detected: Value '" + limit
          + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and " + MAX_GET_LIMIT);
    }
    long now = config.clock().millis();
    IteratorPosition position = iterators.decode(iterator, now);
    LiveStream stream = lookup.apply(position.stream());
    StreamInfo info = stream.info();
    if (info.createdMillis() != position.streamCreated()) {
      throw new StreamNotFoundException("Stream " + position.stream() + " under account " + config.account() + " not found.");
    }
    ShardInfo shard = info.shard(position.shard()).orElseThrow(() -> new InvalidArgumentException("Invalid ShardIterator."));
    ShardLog log = stream.log(shard.id());
    if (shared && config.shardLimits() && !log.limits.tryRead(now)) {
      throw new ThroughputExceededException("Rate exceeded for shard " + shard.id() + " in stream " + info.name()
          + " under account " + config.account() + ".");
    }
    long end = end(shard, log);
    List<LogEntry> entries = read(log, position.offset(), end, limit, maxBytes);
    long next = entries.isEmpty() ? Math.max(position.offset(), log.log.firstOffset()) : entries.get(entries.size() - 1).offset() + 1;
    List<StreamRecord> records = new ArrayList<>(entries.size());
    long bytes = 0;
    for (LogEntry entry : entries) {
      records.add(RecordCodec.decode(entry.payload(), SequenceNumber.ofRecord(shard.id(), entry.offset()), entry.timestampMillis()));
      bytes += entry.payload().remaining();
    }
    if (shared && config.shardLimits()) {
      log.limits.chargeRead(now, bytes);
    }
    SequenceNumber continuation = new SequenceNumber(shard.id(), next);
    long behind = next >= end ? 0 : Math.max(0, now - timestamp(log, next));
    if (!shard.isOpen() && next >= shard.endOffset()) {
      return new RecordBatch(records, null, behind, info.children(shard.id()).stream().map(ChildShard::of).toList(),
          continuation);
    }
    String nextIterator = iterators.encode(new IteratorPosition(info.name(), info.createdMillis(), shard.id(), next, now));
    return new RecordBatch(records, nextIterator, behind, List.of(), continuation);
  }

  private static List<LogEntry> read(ShardLog log, long from, long end, int limit, long maxBytes) {
    for (int attempt = 0; ; attempt++) {
      long start = Math.max(from, log.log.firstOffset()); // records past retention are gone: skip to the trim horizon
      if (start >= end) {
        return List.of();
      }
      try {
        return log.log.read(start, (int) Math.min(limit, end - start), maxBytes);
      } catch (OffsetOutOfRangeException e) {
        if (attempt == 2) {
          throw new UncheckedIOException(e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static long timestamp(ShardLog log, long offset) {
    try {
      return log.log.timestampOf(offset).orElse(Long.MAX_VALUE);
    } catch (IOException e) {
      return Long.MAX_VALUE; // retention raced us; report as caught up
    }
  }
}
