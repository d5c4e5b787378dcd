package dev.argus.datastream.aggregation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Packs user records into Kinesis records in the Kinesis Producer Library's aggregated format
 * ({@link KplFormat}), so many small records cost one Kinesis record each batch.
 *
 * <p>Contract: {@link #add} appends while the aggregate, as Kinesis bills it (data plus the
 * aggregate's partition key), stays within {@code maxAggregateBytes}; the record that would cross
 * it closes the current aggregate, which {@code add} returns, and opens the next one. {@link #flush}
 * closes what is open. User record order is kept within and across aggregates. Partition keys and
 * explicit hash keys are stored once per aggregate in its key tables.
 *
 * <p>Routing: an aggregate is put with its first user record's partition key and effective hash
 * key, so it lands where that record would. Kinesis routes the whole aggregate to one shard, and
 * the KCL, given the shard's hash range, drops an entire aggregate in which any user record's
 * effective hash key falls outside it. So a producer aggregates per shard (one aggregator per shard
 * hash range), as the KPL does.
 *
 * <p>Memory: at most {@code maxAggregateBytes} of user data plus its bookkeeping is held.
 *
 * <p>Not thread-safe: one producer thread per aggregator.
 */
public final class RecordAggregator {

  /** The KPL's default aggregate size (its {@code AggregationMaxSize}). */
  public static final int DEFAULT_MAX_AGGREGATE_BYTES = 51_200;
  /** Kinesis' record size limit, data plus partition key: the largest aggregate allowed. */
  public static final int MAX_AGGREGATE_BYTES = 1_048_576;

  private final int maxAggregateBytes;
  /** Partition key table, in first-use order, with each key's index. */
  private final Map<String, Integer> partitionKeys = new LinkedHashMap<>();
  /** Explicit hash key table, in first-use order, with each key's index. */
  private final Map<String, Integer> hashKeys = new LinkedHashMap<>();
  private final List<KplFormat.Entry> entries = new ArrayList<>();
  /** Encoded size of the protobuf message for what is open; 0 when empty. */
  private int messageSize;
  /** The open aggregate's first user record, or null when empty. */
  private UserRecord first;

  /** An aggregator with the KPL's default size, {@value #DEFAULT_MAX_AGGREGATE_BYTES} bytes. */
  public RecordAggregator() {
    this(DEFAULT_MAX_AGGREGATE_BYTES);
  }

  public RecordAggregator(int maxAggregateBytes) {
    if (maxAggregateBytes <= KplFormat.FRAMING_BYTES || maxAggregateBytes > MAX_AGGREGATE_BYTES) {
      throw new IllegalArgumentException("maxAggregateBytes must be in " + (KplFormat.FRAMING_BYTES + 1)
          + ".." + MAX_AGGREGATE_BYTES + ", was " + maxAggregateBytes);
    }
    this.maxAggregateBytes = maxAggregateBytes;
  }

  /**
   * Aggregates all records in order, as few aggregates as the size limit allows.
   *
   * @throws RecordTooLargeException when one record cannot fit on its own
   */
  public static List<AggregatedRecord> aggregateAll(List<UserRecord> records, int maxAggregateBytes) {
    RecordAggregator aggregator = new RecordAggregator(maxAggregateBytes);
    List<AggregatedRecord> out = new ArrayList<>();
    for (UserRecord record : records) {
      aggregator.add(record).ifPresent(out::add);
    }
    aggregator.flush().ifPresent(out::add);
    return out;
  }

  /**
   * Adds a record, returning the aggregate it closed when it did not fit in the open one.
   *
   * @throws RecordTooLargeException when the record cannot fit even in an empty aggregate; the
   *     aggregator is then unchanged
   */
  public Optional<AggregatedRecord> add(UserRecord record) {
    if (first != null && sizeWith(record) <= maxAggregateBytes) {
      append(record);
      return Optional.empty();
    }
    int alone = sizeAlone(record);
    if (alone > maxAggregateBytes) {
      throw new RecordTooLargeException("a user record of " + record.data().length + " bytes makes an aggregate of "
          + alone + " bytes, over the limit of " + maxAggregateBytes);
    }
    Optional<AggregatedRecord> closed = flush();
    append(record);
    return closed;
  }

  /** Closes and returns the open aggregate, if any user record is in it. */
  public Optional<AggregatedRecord> flush() {
    if (first == null) {
      return Optional.empty();
    }
    byte[] data = KplFormat.encode(List.copyOf(partitionKeys.keySet()), List.copyOf(hashKeys.keySet()), entries,
        messageSize);
    AggregatedRecord closed = new AggregatedRecord(first.partitionKey(), first.effectiveHashKey().toString(), data,
        entries.size());
    partitionKeys.clear();
    hashKeys.clear();
    entries.clear();
    messageSize = 0;
    first = null;
    return Optional.of(closed);
  }

  /** User records in the open aggregate. */
  public int userRecordCount() {
    return entries.size();
  }

  /** The open aggregate's size as Kinesis would bill it, 0 when empty. */
  public int billedSize() {
    return first == null ? 0 : billed(messageSize, first);
  }

  private static int billed(int messageSize, UserRecord first) {
    return KplFormat.FRAMING_BYTES + messageSize + KplFormat.utf8Length(first.partitionKey());
  }

  private int sizeWith(UserRecord record) {
    return billed(messageSize + growth(record, partitionKeys, hashKeys), first);
  }

  private static int sizeAlone(UserRecord record) {
    return billed(growth(record, Map.of(), Map.of()), record);
  }

  /** How much the message grows when the record joins tables in the given state. */
  private static int growth(UserRecord record, Map<String, Integer> pkTable, Map<String, Integer> ehkTable) {
    int size = 0;
    Integer pkIndex = pkTable.get(record.partitionKey());
    if (pkIndex == null) {
      pkIndex = pkTable.size();
      size += KplFormat.tableEntrySize(KplFormat.PARTITION_KEY_TABLE, record.partitionKey());
    }
    int ehkIndex = -1;
    if (record.explicitHashKey() != null) {
      Integer known = ehkTable.get(record.explicitHashKey());
      ehkIndex = known != null ? known : ehkTable.size();
      if (known == null) {
        size += KplFormat.tableEntrySize(KplFormat.EXPLICIT_HASH_KEY_TABLE, record.explicitHashKey());
      }
    }
    return size + KplFormat.entrySize(new KplFormat.Entry(pkIndex, ehkIndex, record.data()));
  }

  private void append(UserRecord record) {
    messageSize += growth(record, partitionKeys, hashKeys);
    int pkIndex = partitionKeys.computeIfAbsent(record.partitionKey(), k -> partitionKeys.size());
    int ehkIndex = record.explicitHashKey() == null ? -1
        : hashKeys.computeIfAbsent(record.explicitHashKey(), k -> hashKeys.size());
    entries.add(new KplFormat.Entry(pkIndex, ehkIndex, record.data()));
    if (first == null) {
      first = record;
    }
  }
}
