package dev.argus.log;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Positional read and write loops over a {@link FileChannel}. Stateless. */
final class FileIo {
  private FileIo() {}

  /** Fills the buffer's remaining bytes from {@code position}; EOF before that is an error. */
  static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new EOFException("end of file at " + at);
      }
      at += n;
    }
  }

  static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
  }

  /** Closes what is not null, recording close failures as suppressed by {@code primary}. */
  static void closeAfterFailure(Exception primary, Closeable... closeables) {
    for (Closeable closeable : closeables) {
      if (closeable == null) {
        continue;
      }
      try {
        closeable.close();
      } catch (IOException suppressed) {
        primary.addSuppressed(suppressed);
      }
    }
  }

  /** Makes a directory's entries (created, renamed or deleted files) durable; see fsync(2). */
  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
