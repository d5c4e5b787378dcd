package dev.argus.app.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data directory, held with an exclusive lock on its {@code LOCK} file so that two servers
 * never write the same stores. The lock goes with the process, so a crash leaves nothing to clean.
 *
 * <p>Thread-safe.
 */
public final class DataDirectory implements AutoCloseable {

  static final String LOCK_FILE = "LOCK";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates the directory if needed and locks it; fails if another process holds it. */
  public static DataDirectory open(Path root) throws IOException {
    Path dir = root.toAbsolutePath().normalize();
    Files.createDirectories(dir);
    FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("data directory " + dir + " is in use by another Argus process");
    }
    return new DataDirectory(dir, channel, lock);
  }

  public Path root() {
    return root;
  }

  /** A module's own subdirectory, e.g. {@code streams} or {@code video}, created when missing. */
  public Path subdirectory(String name) throws IOException {
    return Files.createDirectories(root.resolve(name));
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }
}
