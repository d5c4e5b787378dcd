package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReaperTest {

  /** Fast enough that no test waits on the pacing unless it means to. */
  private static final long FAST = 64L << 30;

  @TempDir
  Path dir;

  /** A directory of nested files, some larger than a step (sparse, so cheap to make). */
  private Path stream(String name) throws IOException {
    return stream(name, 3 * FileReaper.STEP_BYTES + 17);
  }

  /** As {@link #stream(String)}, its segment file {@code segmentBytes} long. */
  private Path stream(String name, long segmentBytes) throws IOException {
    Path root = Files.createDirectories(dir.resolve("logs").resolve(name));
    Path shard = Files.createDirectories(root.resolve("shardId-000000000000"));
    sized(shard.resolve("00000000000000000000.log"), segmentBytes);
    sized(shard.resolve("00000000000000000000.index"), 4096);
    Files.writeString(root.resolve("lock"), "");
    return root;
  }

  private static void sized(Path file, long bytes) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(bytes);
    }
  }

  private static List<Path> entries(Path directory) throws IOException {
    try (var list = Files.list(directory)) {
      return list.toList();
    }
  }

  @Test
  void aDeletedDirectoryLeavesAtOnceAndIsFreedInTheBackground() throws Exception {
    Path trash = dir.resolve("trash");
    try (FileReaper reaper = FileReaper.start(trash, FAST, "test-reaper")) {
      Path a = stream("a");
      Path b = stream("b");
      reaper.delete(a, dir.resolve("logs").resolve("never-there"), b); // the absent one: nothing to do
      assertThat(a).doesNotExist();
      assertThat(b).doesNotExist();
      assertThat(reaper.awaitEmpty(30, TimeUnit.SECONDS)).isTrue();
      assertThat(entries(trash)).isEmpty();
      assertThat(entries(dir.resolve("logs"))).isEmpty();
    }
  }

  /**
   * At 8 MiB/s a file of eight and a bit steps shrinks one step a second, from its end; a reaper
   * closed meanwhile leaves the rest in the trash, and the next one on the same trash finishes it.
   */
  @Test
  void filesShrinkStepByStepAndTheNextReaperFinishesWhatAClosedOneLeft() throws Exception {
    Path trash = dir.resolve("trash");
    long original = 8 * FileReaper.STEP_BYTES + 17;
    Path a = stream("a", original);
    FileReaper slow = FileReaper.start(trash, FileReaper.STEP_BYTES, "slow-reaper");
    try {
      slow.delete(a);
      Path moved = entries(trash).get(0);
      Path log = moved.resolve("shardId-000000000000").resolve("00000000000000000000.log");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      long seen = Files.size(log);
      while (seen == original && System.nanoTime() < deadline) {
        Thread.sleep(10);
        seen = Files.size(log);
      }
      assertThat(seen).as("shrunk, not gone").isBetween(1L, original - 1);
      assertThat((original - seen) % FileReaper.STEP_BYTES).as("whole steps freed from the end").isZero();
      assertThat(slow.awaitEmpty(0, TimeUnit.SECONDS)).isFalse();
    } finally {
      slow.close();
    }
    assertThat(entries(trash)).hasSize(1);
    try (FileReaper next = FileReaper.start(trash, FAST, "next-reaper")) {
      assertThat(next.awaitEmpty(30, TimeUnit.SECONDS)).isTrue();
      assertThat(entries(trash)).isEmpty();
    }
  }

  /** A directory a rename cannot move into the trash (here: inside a zip file) is deleted at once. */
  @Test
  void aDirectoryOnAnotherFileSystemIsDeletedInPlace() throws Exception {
    try (FileSystem zipfs = FileSystems.newFileSystem(dir.resolve("other.zip"), Map.of("create", "true"));
         FileReaper reaper = FileReaper.start(dir.resolve("trash"), FAST, "test-reaper")) {
      Path elsewhere = Files.createDirectories(zipfs.getPath("/stream/shard"));
      Files.writeString(elsewhere.resolve("00000000000000000000.log"), "entries");
      reaper.delete(zipfs.getPath("/stream"));
      assertThat(zipfs.getPath("/stream")).doesNotExist();
      assertThat(entries(dir.resolve("trash"))).isEmpty();
    }
  }

  /** A link inside a deleted directory goes, and what it points to stays whole. */
  @Test
  void linksAreDeletedNotFollowed() throws Exception {
    Path outside = Files.writeString(dir.resolve("keep.log"), "not the trash's");
    Path stream = stream("a");
    Files.createSymbolicLink(stream.resolve("link.log"), outside);
    try (FileReaper reaper = FileReaper.start(dir.resolve("trash"), FAST, "test-reaper")) {
      reaper.delete(stream);
      assertThat(reaper.awaitEmpty(30, TimeUnit.SECONDS)).isTrue();
      assertThat(entries(dir.resolve("trash"))).isEmpty();
    }
    assertThat(Files.readString(outside)).isEqualTo("not the trash's");
  }

  @Test
  void refusesANonPositiveRate() {
    assertThatThrownBy(() -> FileReaper.start(dir.resolve("trash"), 0, "r")).isInstanceOf(IllegalArgumentException.class);
  }
}
