package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentIndexTest {
  private static final long BASE = 1_000;

  @TempDir Path dir;

  /** Lookups agree with TreeMap.floorEntry (by offset) and a scan (by timestamp), also reloaded. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 99})
  void lookupsAgreeWithATreeMap(long seed) throws IOException {
    Random random = new Random(seed);
    Path file = dir.resolve("index-" + seed);
    TreeMap<Long, IndexEntry> model = new TreeMap<>();
    long offset = BASE;
    long position = 0;
    long timestamp = 50;
    try (SegmentIndex index = SegmentIndex.createEmpty(file, BASE)) {
      int entries = random.nextInt(300);
      for (int i = 0; i < entries; i++) {
        index.append(offset, position, timestamp);
        model.put(offset, new IndexEntry(offset, position, timestamp));
        offset += 1 + random.nextInt(5);
        position += 24 + random.nextInt(4000);
        timestamp += random.nextInt(3);
        check(index, model, random, offset);
      }
      index.force();
    }
    if (!model.isEmpty()) {
      try (SegmentIndex loaded = SegmentIndex.loadValid(file, BASE, position)) {
        assertThat(loaded).isNotNull();
        assertThat(loaded.count()).isEqualTo(model.size());
        check(loaded, model, random, offset);
      }
    }
  }

  private static void check(SegmentIndex index, TreeMap<Long, IndexEntry> model, Random random,
      long end) throws IOException {
    for (int q = 0; q < 5; q++) {
      long offset = BASE - 2 + random.nextInt((int) (end - BASE) + 4);
      Map.Entry<Long, IndexEntry> floor = model.floorEntry(offset);
      assertThat(index.floorOffset(offset)).isEqualTo(floor == null ? null : floor.getValue());
      long ts = 48 + random.nextInt(model.isEmpty() ? 5 : (int) (model.lastEntry().getValue()
          .timestampMillis() - 45));
      IndexEntry before = model.values().stream().filter(e -> e.timestampMillis() < ts)
          .reduce((a, b) -> b).orElse(null);
      assertThat(index.lastBefore(ts)).isEqualTo(before);
    }
    assertThat(index.last()).isEqualTo(model.isEmpty() ? null : model.lastEntry().getValue());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void malformedIndexesAreNotLoaded(int damage) throws IOException {
    Path file = dir.resolve("bad.index");
    try (SegmentIndex index = SegmentIndex.createEmpty(file, BASE)) {
      index.append(BASE, 0, 5);
      index.append(BASE + 3, 100, 6);
      index.append(BASE + 5, 200, 6);
    }
    byte[] bytes = Files.readAllBytes(file);
    switch (damage) {
      case 0 -> bytes = new byte[0];
      case 1 -> bytes = java.util.Arrays.copyOf(bytes, 40);
      case 2 -> ByteBuffer.wrap(bytes).putInt(4, 8); // first entry not at position 0
      case 3 -> ByteBuffer.wrap(bytes).putInt(32, 3); // offset goes backwards
      default -> ByteBuffer.wrap(bytes).putLong(40, 1); // timestamp goes backwards
    }
    Files.write(file, bytes);
    assertThat(SegmentIndex.loadValid(file, BASE, 1000)).isNull();
    assertThat(SegmentIndex.loadValid(dir.resolve("absent.index"), BASE, 1000)).isNull();
  }
}
