package dev.argus.log;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a file system takes the direct (O_DIRECT) appends of {@link LogConfig#directAppendBytes()}:
 * it must open files with O_DIRECT and have blocks that divide {@link DirectAppender#ALIGNMENT}.
 * Where it does not, logs append through the page cache instead, without an error.
 */
public final class DirectIo {

  private DirectIo() {
  }

  /** Probes {@code dir} with a temporary file, which it removes again. */
  public static boolean supportedIn(Path dir) throws IOException {
    Path probe = Files.createTempFile(dir, ".direct-io-probe", ".tmp");
    try (FileChannel ignored = openDirect(probe)) {
      return ignored != null;
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /** {@code file} opened for direct writes, or null where its file system cannot do them. */
  static FileChannel openDirect(Path file) {
    try {
      if (!blocksFitAlignment(Files.getFileStore(file))) {
        return null;
      }
      return FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
    } catch (IOException | UnsupportedOperationException notSupported) {
      return null; // EINVAL from open(2), or a file store that cannot tell its block size
    }
  }

  private static boolean blocksFitAlignment(FileStore store) throws IOException {
    long blockSize = store.getBlockSize();
    return blockSize > 0 && blockSize <= DirectAppender.ALIGNMENT && DirectAppender.ALIGNMENT % blockSize == 0;
  }
}
