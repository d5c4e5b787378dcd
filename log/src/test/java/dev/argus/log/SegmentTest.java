package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash recovery and index rebuilding of segments, driven through {@link Log#open}. */
class SegmentTest {
  private static final int ENTRIES = 14;

  @TempDir Path dir;

  /** Sizes vary; the last entry's payload is 300 bytes. About three 4 KiB segments. */
  static byte[] payload(long offset) {
    byte[] b = new byte[offset == ENTRIES - 1 ? 300 : 200 + (int) (offset * 37 % 700)];
    new Random(offset).nextBytes(b);
    return b;
  }

  private LogConfig config() {
    return LogTest.smallConfig(FsyncPolicy.everyWrite());
  }

  private void writeEntries() throws IOException {
    try (Log log = Log.open(dir, config())) {
      for (long i = 0; i < ENTRIES; i++) {
        log.append(100 + i, ByteBuffer.wrap(payload(i)));
      }
    }
  }

  private List<Path> files(String suffix) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private Path lastSegment() throws IOException {
    List<Path> segments = files(Segment.LOG_SUFFIX);
    return segments.get(segments.size() - 1);
  }

  /** Opens the log, expects exactly {@code [0, end)} intact, and appends once more at {@code end}. */
  private void expectValidPrefix(long end) throws IOException {
    try (Log log = Log.open(dir, config())) {
      assertThat(log.nextOffset()).isEqualTo(end);
      List<LogEntry> all = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE);
      assertThat(all).hasSize((int) end);
      for (LogEntry e : all) {
        assertThat(e.payloadBytes()).isEqualTo(payload(e.offset()));
        assertThat(e.timestampMillis()).isEqualTo(100 + e.offset());
      }
      assertThat(log.append(500, ByteBuffer.wrap(payload(end)))).isEqualTo(end);
      assertThat(log.read(end).orElseThrow().payloadBytes()).isEqualTo(payload(end));
    }
  }

  @Test
  void truncatingTheLastEntryAtEveryByteDropsExactlyThatEntry() throws IOException {
    writeEntries();
    Path last = lastSegment();
    assertThat(files(Segment.LOG_SUFFIX)).hasSizeGreaterThan(1);
    byte[] original = Files.readAllBytes(last);
    int lastEntryStart = original.length - EntryFormat.HEADER_BYTES - 300;
    for (int cut = lastEntryStart; cut < original.length; cut++) {
      Files.write(last, Arrays.copyOf(original, cut));
      expectValidPrefix(ENTRIES - 1);
    }
    Files.write(last, original);
    expectValidPrefix(ENTRIES);
  }

  @Test
  void damageInTheLastSegmentTruncatesAtTheDamagedEntry() throws IOException {
    writeEntries();
    Path last = lastSegment();
    byte[] original = Files.readAllBytes(last);
    long base = Long.parseLong(last.getFileName().toString().substring(0, 20));
    List<Integer> starts = new ArrayList<>();
    for (int at = 0; at < original.length; ) {
      starts.add(at);
      at += EntryFormat.HEADER_BYTES + ByteBuffer.wrap(original, at + 4, 4).getInt();
    }
    Random random = new Random(7);
    for (int sample = 0; sample < 60; sample++) {
      int k = random.nextInt(starts.size());
      int end = k + 1 < starts.size() ? starts.get(k + 1) : original.length;
      int at = starts.get(k) + random.nextInt(end - starts.get(k));
      byte[] damaged = original.clone();
      damaged[at] ^= (byte) (1 + random.nextInt(255));
      Files.write(last, damaged);
      expectValidPrefix(base + k);
    }
  }

  @Test
  void zeroFilledTailIsCutOff() throws IOException {
    writeEntries();
    Path last = lastSegment();
    byte[] original = Files.readAllBytes(last);
    Files.write(last, Arrays.copyOf(original, original.length + 4096)); // preallocated, unwritten
    expectValidPrefix(ENTRIES);
  }

  @Test
  void missingOrDamagedIndexesAreRebuilt() throws IOException {
    writeEntries();
    Random random = new Random(11);
    for (int damage = 0; damage < 6; damage++) {
      for (Path index : files(Segment.INDEX_SUFFIX)) {
        long size = Files.size(index);
        switch (damage) {
          case 0 -> Files.delete(index);
          case 1 -> Files.write(index, Arrays.copyOf(Files.readAllBytes(index), 7));
          case 2 -> Files.write(index, new byte[(int) size]);
          case 3 -> Files.write(index, Arrays.copyOf(Files.readAllBytes(index), (int) size + 16));
          case 4 -> {
            byte[] garbage = new byte[(int) size];
            random.nextBytes(garbage);
            Files.write(index, garbage);
          }
          default -> Files.write(index, Arrays.copyOf(Files.readAllBytes(index), (int) size - 16));
        }
      }
      try (Log log = Log.open(dir, config())) {
        assertThat(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE)).hasSize(ENTRIES)
            .allSatisfy(e -> assertThat(e.payloadBytes()).isEqualTo(payload(e.offset())));
        for (long i = 0; i < ENTRIES; i++) {
          assertThat(log.offsetAtOrAfter(100 + i)).isEqualTo(i);
        }
      }
      for (Path index : files(Segment.INDEX_SUFFIX)) {
        assertThat(Files.size(index) % SegmentIndex.ENTRY_BYTES).isZero();
        assertThat(Files.size(index)).isPositive();
      }
    }
  }

  @Test
  void damageInsideASealedSegmentIsReportedNotTruncated() throws IOException {
    writeEntries();
    Path first = files(Segment.LOG_SUFFIX).get(0);
    byte[] bytes = Files.readAllBytes(first);
    int secondEntry = EntryFormat.HEADER_BYTES + ByteBuffer.wrap(bytes, 4, 4).getInt();
    bytes[secondEntry + EntryFormat.HEADER_BYTES + 5] ^= 0x40; // payload of offset 1
    Files.write(first, bytes);

    try (Log log = Log.open(dir, config())) { // the cheap open check does not read offset 1
      assertThatThrownBy(() -> log.read(1)).isInstanceOf(CorruptLogException.class);
      assertThat(log.read(0).orElseThrow().payloadBytes()).isEqualTo(payload(0));
      assertThat(log.nextOffset()).isEqualTo(ENTRIES);
    }
    Files.delete(dir.resolve(Segment.fileName(0, Segment.INDEX_SUFFIX)));
    assertThatThrownBy(() -> Log.open(dir, config())).isInstanceOf(CorruptLogException.class);
    assertThat(Files.readAllBytes(first)).isEqualTo(bytes); // nothing was cut
  }
}
