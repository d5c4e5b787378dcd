package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectIoTest {

  @TempDir
  Path dir;

  /** The probe agrees with what a segment would get, and leaves nothing behind. */
  @Test
  void theProbeAgreesWithTheAppenderAndLeavesNoFile() throws IOException {
    boolean supported = DirectIo.supportedIn(dir);
    Path file = Files.createFile(dir.resolve("segment.log"));
    DirectAppender appender = DirectAppender.open(file, null);
    try {
      assertThat(appender != null).isEqualTo(supported);
    } finally {
      if (appender != null) {
        appender.close();
      }
    }
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  /** The JDK's zip file system cannot tell its block size, let alone open with O_DIRECT. */
  @Test
  void aZipFileSystemIsNotSupported() throws IOException {
    try (FileSystem zipfs = FileSystems.newFileSystem(dir.resolve("store.zip"), Map.of("create", "true"))) {
      Path root = zipfs.getPath("/");
      assertThat(DirectIo.supportedIn(root)).isFalse();
      try (var left = Files.list(root)) {
        assertThat(left).isEmpty();
      }
    }
  }
}
