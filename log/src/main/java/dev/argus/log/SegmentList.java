package dev.argus.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The live segments of one log, by base offset, and the lookups that span them. Every lookup takes
 * an {@code end} (the log's published next offset, read by the caller before the lookup) and never
 * looks at entries at or past it, so it cannot meet a partly written entry.
 *
 * <p>Thread-safety: {@link #add} and {@link #removeOldest} are for the log's single writer; every
 * other method is safe from any thread (the map is a {@link ConcurrentSkipListMap}).
 */
final class SegmentList {
  /** Contiguous: each segment starts at the previous one's next offset. Never empty. */
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();

  SegmentList(List<Segment> loaded) {
    if (loaded.isEmpty()) {
      throw new IllegalArgumentException("a log has at least one segment");
    }
    loaded.forEach(this::add);
  }

  void add(Segment segment) {
    segments.put(segment.baseOffset(), segment);
  }

  /** Removes the given oldest segments from the lookups; the caller deletes their files. */
  void removeOldest(List<Segment> oldest) {
    oldest.forEach(s -> segments.remove(s.baseOffset()));
  }

  long firstOffset() {
    return segments.firstKey();
  }

  Collection<Segment> all() {
    return segments.values();
  }

  /** The largest timestamp stored, or {@code Long.MIN_VALUE} if there are no entries. */
  long maxTimestamp() {
    for (Segment segment : segments.descendingMap().values()) {
      if (!segment.isEmpty()) {
        return segment.maxTimestamp();
      }
    }
    return Long.MIN_VALUE;
  }

  /** The segment holding {@code offset}, which the caller checked is at least the first offset. */
  Segment segmentFor(long offset) throws OffsetOutOfRangeException {
    Map.Entry<Long, Segment> entry = segments.floorEntry(offset);
    if (entry == null) {
      throw new OffsetOutOfRangeException(offset, firstOffset());
    }
    return entry.getValue();
  }

  /** See {@link Log#read(long, int, long)}; {@code from} is in {@code [firstOffset, end)}. */
  List<LogEntry> read(long from, long end, int maxEntries, long maxBytes) throws IOException {
    List<LogEntry> out = new ArrayList<>();
    long bytes = 0;
    long at = from;
    while (at < end && out.size() < maxEntries) {
      Segment segment = segmentFor(at);
      bytes += segment.readInto(at, end, maxEntries, maxBytes - bytes, out);
      long reached = from + out.size();
      if (reached < Math.min(end, segment.nextOffset())) {
        break; // a limit stopped it inside the segment
      }
      at = reached;
    }
    return out;
  }

  /** See {@link Log#offsetAtOrAfter(long)}. */
  long offsetAtOrAfter(long timestampMillis, long end) throws IOException {
    for (Segment segment : segments.values()) {
      if (segment.baseOffset() >= end) {
        break;
      }
      if (!segment.isEmpty() && segment.maxTimestamp() >= timestampMillis) {
        long found = segment.offsetAtOrAfter(timestampMillis, end);
        if (found >= 0) {
          return found;
        }
      }
    }
    return end;
  }

  /** The oldest segments, none of them {@code active}, whose newest entry is before the cutoff. */
  List<Segment> olderThan(long cutoffMillis, Segment active) {
    List<Segment> old = new ArrayList<>();
    for (Segment segment : segments.values()) {
      if (segment == active || segment.maxTimestamp() >= cutoffMillis) {
        break;
      }
      old.add(segment);
    }
    return old;
  }
}
