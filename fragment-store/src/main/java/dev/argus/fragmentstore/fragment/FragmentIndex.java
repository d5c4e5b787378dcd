package dev.argus.fragmentstore.fragment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The in-memory index of one stream's stored fragments: by offset (and so by fragment number), by
 * producer timestamp and by server timestamp. It is rebuilt from the fragment log on open and
 * trimmed when retention drops the log's oldest segments.
 *
 * <p>Invariants: offsets strictly increase in {@link #add} order; every fragment is in all three
 * views. Memory: three tree nodes per fragment (about 200 bytes), so a stream that keeps a
 * fragment every 2 s for a day holds about 9 MB.
 *
 * <p>Not thread-safe: the store guards each stream's index with that stream's lock.
 */
public final class FragmentIndex {
  private static final Comparator<FragmentMeta> BY_PRODUCER =
      Comparator.comparingLong(FragmentMeta::producerMillis).thenComparingLong(FragmentMeta::offset);
  private static final Comparator<FragmentMeta> BY_SERVER =
      Comparator.comparingLong(FragmentMeta::serverMillis).thenComparingLong(FragmentMeta::offset);

  private final NavigableMap<Long, FragmentMeta> byOffset = new TreeMap<>();
  private final NavigableSet<FragmentMeta> byProducer = new TreeSet<>(BY_PRODUCER);
  private final NavigableSet<FragmentMeta> byServer = new TreeSet<>(BY_SERVER);

  /**
   * Adds the newest fragment.
   *
   * @throws IllegalArgumentException when its offset is not above every indexed one
   */
  public void add(FragmentMeta meta) {
    if (!byOffset.isEmpty() && meta.offset() <= byOffset.lastKey()) {
      throw new IllegalArgumentException("offset " + meta.offset() + " is not after " + byOffset.lastKey());
    }
    byOffset.put(meta.offset(), meta);
    byProducer.add(meta);
    byServer.add(meta);
  }

  /** Forgets every fragment below {@code offset} (retention dropped them); returns how many. */
  public int dropBefore(long offset) {
    NavigableMap<Long, FragmentMeta> doomed = byOffset.headMap(offset, false);
    int count = doomed.size();
    for (FragmentMeta meta : doomed.values()) {
      byProducer.remove(meta);
      byServer.remove(meta);
    }
    doomed.clear();
    return count;
  }

  /** Every indexed fragment in offset order (a copy). */
  public List<FragmentMeta> all() {
    return new ArrayList<>(byOffset.values());
  }

  public int size() {
    return byOffset.size();
  }

  public Optional<FragmentMeta> first() {
    return byOffset.isEmpty() ? Optional.empty() : Optional.of(byOffset.firstEntry().getValue());
  }

  public Optional<FragmentMeta> last() {
    return byOffset.isEmpty() ? Optional.empty() : Optional.of(byOffset.lastEntry().getValue());
  }

  /** The fragment at an offset. */
  public Optional<FragmentMeta> atOffset(long offset) {
    return Optional.ofNullable(byOffset.get(offset));
  }

  /** The fragment with exactly this number (offset, server time and stream epoch all match). */
  public Optional<FragmentMeta> find(FragmentNumber number) {
    FragmentMeta meta = byOffset.get(number.offset());
    return meta != null && meta.number().equals(number) ? Optional.of(meta) : Optional.empty();
  }

  /** The first fragment at or after {@code offset}, in ingest order. */
  public Optional<FragmentMeta> atOrAfter(long offset) {
    var entry = byOffset.ceilingEntry(offset);
    return entry == null ? Optional.empty() : Optional.of(entry.getValue());
  }

  /**
   * Where a reader asking for time {@code millis} starts: the fragment whose span holds it, else
   * the first whose timestamp is at or after it (server timestamps are points, so only the
   * latter). Empty when every fragment is earlier.
   */
  public Optional<FragmentMeta> startAt(TimestampKind kind, long millis) {
    if (kind == TimestampKind.PRODUCER_TIMESTAMP) {
      FragmentMeta floor = byProducer.floor(probe(kind, millis, Long.MAX_VALUE));
      if (floor != null && floor.lastFrameMillis() >= millis) {
        return Optional.of(floor);
      }
    }
    return Optional.ofNullable(sorted(kind).ceiling(probe(kind, millis, Long.MIN_VALUE)));
  }

  /**
   * Fragments whose {@code kind} timestamp is in {@code [from, to]}, ordered by that timestamp
   * then offset, strictly after {@code after} (a position a previous page ended at; null for the
   * first page), at most {@code limit}.
   */
  public List<FragmentMeta> range(TimestampKind kind, long from, long to, Position after, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    List<FragmentMeta> page = new ArrayList<>();
    if (from > to) {
      return page;
    }
    FragmentMeta lower = probe(kind, from, Long.MIN_VALUE);
    boolean inclusive = true;
    if (after != null && compare(kind, after, lower) >= 0) {
      lower = probe(kind, after.millis(), after.offset());
      inclusive = false;
    }
    for (FragmentMeta meta : sorted(kind).tailSet(lower, inclusive)) {
      if (kind.of(meta) > to || page.size() == limit) {
        break;
      }
      page.add(meta);
    }
    return page;
  }

  /** Where a {@link #range} page ended: the last fragment's timestamp and offset. */
  public record Position(long millis, long offset) {
    public static Position of(TimestampKind kind, FragmentMeta meta) {
      return new Position(kind.of(meta), meta.offset());
    }
  }

  private static int compare(TimestampKind kind, Position position, FragmentMeta probe) {
    int byTime = Long.compare(position.millis(), kind.of(probe));
    return byTime != 0 ? byTime : Long.compare(position.offset(), probe.offset());
  }

  private NavigableSet<FragmentMeta> sorted(TimestampKind kind) {
    return kind == TimestampKind.PRODUCER_TIMESTAMP ? byProducer : byServer;
  }

  /** A key that sorts at ({@code millis}, {@code offset}) in the {@code kind} view. */
  private static FragmentMeta probe(TimestampKind kind, long millis, long offset) {
    long clamped = Math.max(0, Math.min(millis, FragmentNumber.MAX_MILLIS));
    long safeOffset = Math.max(0, offset);
    if (kind == TimestampKind.PRODUCER_TIMESTAMP) {
      return new FragmentMeta(new FragmentNumber(0, 0, safeOffset), millis, 0, 0, 0, 0);
    }
    return new FragmentMeta(new FragmentNumber(clamped, 0, safeOffset), 0, 0, 0, 0, 0);
  }
}
