package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DirectAppender} against a model (the bytes appended so far, in a byte array): seeded
 * appends of mixed sizes, from a few bytes to past the staging buffer, with one to three sources
 * a call; between them, now and then, appends through the page cache (as a segment makes for small
 * batches) and a fresh appender (as after a reopen), both of which it must read the partial block
 * back for. After every call the file, read buffered, holds exactly the model followed by zeros, up
 * to at most the next block boundary. Needs a file system with direct I/O (the temporary
 * directory's); skipped elsewhere. And the fallback where there is none.
 */
class DirectAppenderTest {

  @TempDir Path dir;

  static LongStream seeds() {
    return LongStream.range(0, 12);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void fileHoldsWhatWasAppendedThenZerosToTheBlock(long seed) throws IOException {
    Random random = new Random(seed);
    Path file = Files.createFile(dir.resolve("segment.log"));
    ByteArrayOutputStream model = new ByteArrayOutputStream();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      DirectAppender appender = DirectAppender.open(file, channel);
      assumeTrue(appender != null, "no direct I/O on " + dir);
      try {
        for (int call = 0; call < 60; call++) {
          if (random.nextInt(4) == 0) {
            byte[] bytes = new byte[1 + random.nextInt(3 * DirectAppender.ALIGNMENT)];
            random.nextBytes(bytes);
            FileIo.writeFully(channel, ByteBuffer.wrap(bytes), model.size()); // through the page cache
            model.write(bytes);
            assertFileHolds(file, model.toByteArray());
            continue;
          }
          ByteBuffer[] sources = new ByteBuffer[1 + random.nextInt(3)];
          int[] leads = new int[sources.length];
          long expected = 0;
          for (int i = 0; i < sources.length; i++) {
            byte[] bytes = new byte[size(random)];
            random.nextBytes(bytes);
            leads[i] = random.nextInt(4); // a source that does not start at position 0
            sources[i] = ByteBuffer.allocate(leads[i] + bytes.length).position(leads[i]);
            sources[i].put(bytes).position(leads[i]);
            model.write(bytes);
            expected += bytes.length;
          }
          assertThat(appender.append(model.size() - expected, sources)).isEqualTo(expected);
          for (int i = 0; i < sources.length; i++) {
            assertThat(sources[i].position()).as("source %d untouched", i).isEqualTo(leads[i]);
          }
          assertFileHolds(file, model.toByteArray());
          if (random.nextInt(5) == 0) {
            appender.close();
            appender = DirectAppender.open(file, channel);
          }
        }
      } finally {
        appender.close();
      }
    }
  }

  /**
   * A file store that cannot do direct I/O (here the JDK's zip file system, which cannot even tell
   * its block size; tmpfs can, on this kernel) gives no appender rather than an error, and the
   * segment then appends through the page cache.
   */
  @Test
  void aFileStoreWithoutDirectIoGivesNoAppender() throws IOException {
    Path zip = dir.resolve("store.zip");
    try (FileSystem zipfs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
      Path file = Files.createFile(zipfs.getPath("segment.log"));
      assertThat(DirectAppender.open(file, null)).isNull();
    }
  }

  /** Mostly small and entry-like; sometimes a block or more; now and then past the staging buffer. */
  private static int size(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> DirectAppender.STAGING_BYTES + random.nextInt(3 * DirectAppender.ALIGNMENT);
      case 1, 2 -> DirectAppender.ALIGNMENT - 2 + random.nextInt(2 * DirectAppender.ALIGNMENT);
      default -> 1 + random.nextInt(600);
    };
  }

  static void assertFileHolds(Path file, byte[] expected) throws IOException {
    byte[] onDisk = Files.readAllBytes(file);
    int blocks = (expected.length + DirectAppender.ALIGNMENT - 1) / DirectAppender.ALIGNMENT;
    assertThat(onDisk.length).isBetween(expected.length, blocks * DirectAppender.ALIGNMENT);
    assertThat(Arrays.copyOf(onDisk, expected.length)).isEqualTo(expected);
    byte[] padding = Arrays.copyOfRange(onDisk, expected.length, onDisk.length);
    assertThat(padding).as("zeros after the end").isEqualTo(new byte[padding.length]);
  }
}
