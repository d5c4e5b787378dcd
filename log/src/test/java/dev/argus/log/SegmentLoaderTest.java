package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentLoaderTest {
  @TempDir Path dir;

  private static LogConfig config() {
    return LogTest.smallConfig(FsyncPolicy.everyWrite());
  }

  private static byte[] garbage(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomGarbageFilesAreRejectedOrTruncatedCleanly(long seed) throws IOException {
    Random random = new Random(seed);
    for (int trial = 0; trial < 10; trial++) {
      Path logDir = dir.resolve(seed + "-" + trial);
      Files.createDirectories(logDir);
      int segments = 1 + random.nextInt(3);
      long base = random.nextInt(3) * 10L;
      for (int s = 0; s < segments; s++, base += random.nextInt(20)) {
        Files.write(logDir.resolve(Segment.fileName(base, Segment.LOG_SUFFIX)),
            garbage(random, random.nextInt(5000)));
        if (random.nextBoolean()) {
          Files.write(logDir.resolve(Segment.fileName(base, Segment.INDEX_SUFFIX)),
              garbage(random, random.nextInt(100)));
        }
      }
      Log log;
      try {
        log = Log.open(logDir, config());
      } catch (LogException e) {
        assertThat(e).isInstanceOf(CorruptLogException.class);
        continue;
      }
      try (log) {
        assertThat(log.read(log.firstOffset(), Integer.MAX_VALUE, Long.MAX_VALUE))
            .hasSize((int) (log.nextOffset() - log.firstOffset()));
        long next = log.nextOffset();
        assertThat(log.append(1, ByteBuffer.wrap(new byte[] {9}))).isEqualTo(next);
      }
    }
  }

  @Test
  void garbageAfterValidEntriesInTheLastSegmentIsCutOff() throws IOException {
    try (Log log = Log.open(dir, config())) {
      log.append(1, ByteBuffer.wrap(new byte[] {1}));
      log.append(2, ByteBuffer.wrap(new byte[] {2}));
    }
    Path segment = dir.resolve(Segment.fileName(0, Segment.LOG_SUFFIX));
    long valid = Files.size(segment);
    Files.write(segment, garbage(new Random(3), 999), java.nio.file.StandardOpenOption.APPEND);
    try (Log log = Log.open(dir, config())) {
      assertThat(log.nextOffset()).isEqualTo(2);
    }
    assertThat(Files.size(segment)).isEqualTo(valid);
  }

  @Test
  void aGarbageSegmentBeforeTheLastIsCorruption() throws IOException {
    Files.write(dir.resolve(Segment.fileName(0, Segment.LOG_SUFFIX)), garbage(new Random(5), 300));
    Files.write(dir.resolve(Segment.fileName(10, Segment.LOG_SUFFIX)), new byte[0]);
    assertThatThrownBy(() -> Log.open(dir, config())).isInstanceOf(CorruptLogException.class);
    Log.open(dir.resolve("other"), config()).close(); // nothing was left locked or open
  }

  @Test
  void aGapBetweenSegmentsIsCorruption() throws IOException {
    try (Log log = Log.open(dir, config())) {
      for (int i = 0; i < 6; i++) {
        log.append(i, ByteBuffer.allocate(1500)); // two entries per segment: 0, 2, 4
      }
    }
    Files.delete(dir.resolve(Segment.fileName(2, Segment.LOG_SUFFIX)));
    assertThatThrownBy(() -> Log.open(dir, config())).isInstanceOf(CorruptLogException.class);
  }

  @Test
  void orphanIndexesGoAndForeignFilesStay() throws IOException {
    Files.write(dir.resolve(Segment.fileName(50, Segment.INDEX_SUFFIX)), new byte[16]);
    Files.write(dir.resolve("99999999999999999999.log"), new byte[3]); // beyond Long.MAX_VALUE
    Files.write(dir.resolve("notes.txt"), new byte[3]);
    try (Log log = Log.open(dir, config())) {
      assertThat(log.nextOffset()).isZero();
    }
    assertThat(dir.resolve(Segment.fileName(50, Segment.INDEX_SUFFIX))).doesNotExist();
    assertThat(dir.resolve("notes.txt")).exists();
  }

  @Test
  void aLogStartingAfterZeroKeepsItsBase() throws IOException {
    Files.write(dir.resolve(Segment.fileName(7, Segment.LOG_SUFFIX)), new byte[0]);
    try (Log log = Log.open(dir, config())) {
      assertThat(log.firstOffset()).isEqualTo(7);
      assertThat(log.append(1, ByteBuffer.allocate(1))).isEqualTo(7);
      assertThatThrownBy(() -> log.read(6)).isInstanceOf(OffsetOutOfRangeException.class);
    }
  }
}
