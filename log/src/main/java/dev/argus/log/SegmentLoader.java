package dev.argus.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Opens the segments of a log directory in offset order: every segment but the last with {@link
 * Segment#openSealed}, the last with {@link Segment#recover}, an empty directory as one new segment
 * at offset 0. Index files without a segment (left by a crash during retention) are deleted; other
 * files are ignored. Segments must be contiguous (each starts where the previous ends), else {@link
 * CorruptLogException}. Stateless.
 */
final class SegmentLoader {
  private static final Pattern NAME = Pattern.compile("(\\d{20})(\\.log|\\.index)");

  private SegmentLoader() {}

  static List<Segment> load(Path dir, int indexIntervalBytes) throws IOException {
    TreeSet<Long> bases = new TreeSet<>();
    List<Path> indexes = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        long base = m.matches() ? parseBase(m.group(1)) : -1;
        if (base >= 0 && m.group(2).equals(Segment.LOG_SUFFIX)) {
          bases.add(base);
        } else if (base >= 0) {
          indexes.add(file);
        }
      }
    }
    for (Path index : indexes) {
      String name = index.getFileName().toString();
      if (!bases.contains(parseBase(name.substring(0, 20)))) {
        Files.delete(index);
      }
    }
    List<Segment> segments = new ArrayList<>();
    try {
      if (bases.isEmpty()) {
        segments.add(Segment.create(dir, 0, indexIntervalBytes));
        FileIo.forceDirectory(dir);
        return segments;
      }
      for (long base : bases) {
        boolean last = base == bases.last();
        Segment segment = last ? Segment.recover(dir, base, indexIntervalBytes)
            : Segment.openSealed(dir, base, indexIntervalBytes);
        segments.add(segment);
        checkContiguous(segments);
      }
      return segments;
    } catch (IOException | RuntimeException e) {
      FileIo.closeAfterFailure(e, segments.toArray(Segment[]::new));
      throw e;
    }
  }

  /** The base offset a 20-digit name stands for, or -1 if it is beyond {@code Long.MAX_VALUE}. */
  private static long parseBase(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void checkContiguous(List<Segment> segments) throws CorruptLogException {
    int n = segments.size();
    if (n >= 2 && segments.get(n - 1).baseOffset() != segments.get(n - 2).nextOffset()) {
      throw new CorruptLogException("gap or overlap: segment "
          + Segment.fileName(segments.get(n - 1).baseOffset(), Segment.LOG_SUFFIX)
          + " follows a segment ending at offset " + segments.get(n - 2).nextOffset());
    }
  }
}
