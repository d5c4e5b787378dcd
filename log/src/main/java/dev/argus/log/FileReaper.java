package dev.argus.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes directories (a deleted stream's logs) and files (the segments retention drops) in the
 * background, at a bounded number of bytes per second. Freeing gigabytes at once stalls every
 * fsync on the disk for seconds while the file system frees the extents (and, mounted with online
 * discard, trims them): 4 GiB unlinked at once took the fdatasync p99 of a small appender from
 * 1.2-2.3 ms to 21-35 ms on the reference machine (BENCHMARKS.md, "Deleting a large stream"). The
 * reaper shrinks each file by {@link #STEP_BYTES} at a time instead, pausing between steps.
 *
 * <p>{@link #delete} moves what it is given into the reaper's trash directory with one rename, so
 * the caller never waits for the freeing and a crash never leaves a directory half deleted in place.
 * A reaper started on a trash directory first empties what an earlier one left there. The trash
 * must be on the same file system as what is deleted; where a rename cannot move it, {@link
 * #delete} deletes it in place at once.
 */
public final class FileReaper implements Closeable {

  /** 256 MiB/s: a 64 MiB segment each quarter second. */
  public static final long DEFAULT_BYTES_PER_SECOND = 256L << 20;
  /** Bytes freed at a time: files shrink in steps of this, from the end. */
  static final long STEP_BYTES = 8L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(FileReaper.class);
  /** Marks the end of the queue for the worker. */
  private static final Path STOP = Path.of("");

  private final Path trash;
  private final long bytesPerSecond;
  private final BlockingQueue<Path> queue = new LinkedBlockingQueue<>();
  private final AtomicLong names = new AtomicLong();
  /** Entries moved into the trash and not yet deleted, or failed; for {@link #awaitEmpty}. */
  private final AtomicLong pending = new AtomicLong();
  private final Thread worker;

  private FileReaper(Path trash, long bytesPerSecond, String threadName) {
    this.trash = trash;
    this.bytesPerSecond = bytesPerSecond;
    this.worker = new Thread(this::run, threadName);
    this.worker.setDaemon(true);
  }

  /**
   * Starts a reaper whose trash is {@code trash} (created when missing), and queues what an
   * earlier reaper left there.
   */
  public static FileReaper start(Path trash, long bytesPerSecond, String threadName) throws IOException {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("bytesPerSecond must be positive: " + bytesPerSecond);
    }
    Files.createDirectories(trash);
    FileReaper reaper = new FileReaper(trash, bytesPerSecond, threadName);
    try (Stream<Path> left = Files.list(trash)) {
      for (Path entry : (Iterable<Path>) left.sorted()::iterator) {
        reaper.pending.incrementAndGet();
        reaper.queue.add(entry);
      }
    }
    reaper.worker.start();
    return reaper;
  }

  /**
   * Moves each of {@code paths}, directories or files, into the trash, in order, where the worker
   * deletes them; absent ones are fine. Once this returns they are gone from their places, durably:
   * each directory they left, and the trash, is forced once, however many paths it concerned.
   */
  public void delete(Path... paths) throws IOException {
    List<Path> moved = new ArrayList<>();
    Set<Path> left = new LinkedHashSet<>();
    try {
      for (Path path : paths) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Path target = trash.resolve(String.format("%013d-%d-%s", System.currentTimeMillis(), names.incrementAndGet(),
            path.getFileName()));
        pending.incrementAndGet(); // before the move: once path is gone, awaitEmpty must wait for it
        try {
          Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
          pending.decrementAndGet();
          LOG.warn("{} is not on the file system of {}; deleting it at once", path, trash);
          Log.deleteAll(path);
          continue;
        } catch (IOException | RuntimeException e) {
          pending.decrementAndGet();
          throw e;
        }
        moved.add(target);
        left.add(path.getParent());
      }
      for (Path dir : left) {
        FileIo.forceDirectory(dir);
      }
      if (!moved.isEmpty()) {
        FileIo.forceDirectory(trash);
      }
    } finally {
      queue.addAll(moved); // in the trash whatever happened: the worker, or the next start, frees them
    }
  }

  /** Waits until everything given so far is deleted (or failed); false on timeout. For tests. */
  public boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (pending.get() > 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /** Stops the worker; what it has not deleted yet stays in the trash for the next reaper. */
  @Override
  public void close() {
    queue.add(STOP);
    worker.interrupt();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      for (Path entry = queue.take(); entry != STOP; entry = queue.take()) {
        try {
          reap(entry);
        } catch (IOException e) {
          LOG.warn("could not delete {}; the next start tries again", entry, e);
        } finally {
          pending.decrementAndGet();
        }
      }
    } catch (InterruptedException stopped) {
      // close(): the rest stays in the trash
    }
  }

  /**
   * Deletes {@code entry} and everything under it, files shrunk step by step at the set rate. Links
   * are deleted, never followed: what they point to is not the trash's.
   */
  private void reap(Path entry) throws IOException, InterruptedException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(entry)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList(); // children before their directory
    }
    for (Path path : paths) {
      if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        shrink(path);
      }
      Files.deleteIfExists(path);
    }
  }

  private void shrink(Path file) throws IOException, InterruptedException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      for (long size = channel.size(); size > 0; ) {
        long freed = Math.min(STEP_BYTES, size);
        size -= freed;
        channel.truncate(size);
        TimeUnit.NANOSECONDS.sleep(freed * 1_000_000_000L / bytesPerSecond);
      }
    }
  }
}
