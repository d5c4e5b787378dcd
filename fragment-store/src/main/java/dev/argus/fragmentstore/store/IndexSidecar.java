package dev.argus.fragmentstore.store;

import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A stream's fragment index on disk, next to its fragment log, so that opening a stream reads
 * {@link #RECORD_BYTES} per fragment instead of every stored byte. It is a hint, never the truth:
 * the log is; {@link StreamStorage} checks the sidecar against the log on open and scans the log
 * for whatever the sidecar lacks.
 *
 * <p>Format (big-endian): an 8-byte file header (int32 magic {@code 0x41464958} "AFIX", int32
 * version 1), then one fixed-size record per fragment in offset order:
 *
 * <pre>
 * int64  log offset
 * int64  server timestamp, epoch millis
 * int64  producer timestamp, epoch millis
 * int32  duration millis
 * int32  size bytes
 * int32  frame count
 * int64  header version
 * int32  CRC-32C of the 44 bytes above (48 bytes a record)
 * </pre>
 *
 * <p>Records are appended (no fsync: a record the crash lost is recovered by the tail scan) right
 * after their fragment's log entry. {@link #load} keeps the longest valid prefix: it stops at the
 * first record that is torn, fails its CRC or does not follow the previous offset by one. After
 * retention the file is rewritten whole through a temporary file and an atomic rename.
 *
 * <p>Not thread-safe: the stream's writer lock guards it.
 */
final class IndexSidecar implements AutoCloseable {
  static final int MAGIC = 0x41464958;
  static final int VERSION = 1;
  static final int FILE_HEADER_BYTES = 8;
  static final int RECORD_BYTES = 8 + 8 + 8 + 4 + 4 + 4 + 8 + 4;

  private final Path path;
  private FileChannel channel;
  /** Records in the file (after the valid prefix was kept). */
  private long records;

  private IndexSidecar(Path path, FileChannel channel, long records) {
    this.path = path;
    this.channel = channel;
    this.records = records;
  }

  /** What {@link #load} found: the valid records, and the open sidecar truncated to them. */
  record Loaded(IndexSidecar sidecar, List<FragmentMeta> metas) {
  }

  /**
   * Opens (creating when missing or unreadable) the sidecar at {@code path}, reads its longest
   * valid prefix and truncates the file to it.
   *
   * @param creationMillis the stream epoch the fragment numbers carry
   */
  static Loaded load(Path path, long creationMillis) throws IOException {
    List<FragmentMeta> metas = new ArrayList<>();
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      long size = channel.size();
      if (size < FILE_HEADER_BYTES || !headerValid(channel)) {
        channel.truncate(0);
        channel.write(fileHeader(), 0);
      } else {
        readRecords(channel, size, creationMillis, metas);
      }
      channel.truncate(FILE_HEADER_BYTES + (long) metas.size() * RECORD_BYTES);
      channel.position(channel.size());
      return new Loaded(new IndexSidecar(path, channel, metas.size()), metas);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static boolean headerValid(FileChannel channel) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(FILE_HEADER_BYTES);
    readFully(channel, head, 0);
    return head.getInt(0) == MAGIC && head.getInt(4) == VERSION;
  }

  private static void readRecords(FileChannel channel, long size, long creationMillis, List<FragmentMeta> out)
      throws IOException {
    long count = (size - FILE_HEADER_BYTES) / RECORD_BYTES;
    ByteBuffer chunk = ByteBuffer.allocate(RECORD_BYTES * 1024);
    long position = FILE_HEADER_BYTES;
    long read = 0;
    while (read < count) {
      int n = (int) Math.min(1024, count - read);
      chunk.clear().limit(n * RECORD_BYTES);
      readFully(channel, chunk, position);
      for (int i = 0; i < n; i++) {
        FragmentMeta meta = decode(chunk, i * RECORD_BYTES, creationMillis);
        if (meta == null || (!out.isEmpty() && meta.offset() != out.get(out.size() - 1).offset() + 1)) {
          return;
        }
        out.add(meta);
      }
      read += n;
      position += (long) n * RECORD_BYTES;
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
    long at = position;
    while (into.hasRemaining()) {
      int n = channel.read(into, at);
      if (n < 0) {
        throw new IOException("sidecar shrank while being read");
      }
      at += n;
    }
    into.flip();
  }

  /** The record for {@code meta}. */
  static ByteBuffer encode(FragmentMeta meta) {
    ByteBuffer out = ByteBuffer.allocate(RECORD_BYTES);
    out.putLong(meta.offset()).putLong(meta.serverMillis()).putLong(meta.producerMillis())
        .putInt(meta.durationMillis()).putInt(meta.sizeBytes()).putInt(meta.frameCount())
        .putLong(meta.headerVersion());
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, RECORD_BYTES - 4);
    out.putInt((int) crc.getValue());
    return out.flip();
  }

  /** The record at {@code at} in {@code in}, or null when it fails its CRC or holds impossible values. */
  static FragmentMeta decode(ByteBuffer in, int at, long creationMillis) {
    CRC32C crc = new CRC32C();
    crc.update(in.array(), in.arrayOffset() + at, RECORD_BYTES - 4);
    if ((int) crc.getValue() != in.getInt(at + RECORD_BYTES - 4)) {
      return null;
    }
    try {
      FragmentNumber number = new FragmentNumber(in.getLong(at + 8), creationMillis, in.getLong(at));
      return new FragmentMeta(number, in.getLong(at + 16), in.getInt(at + 24), in.getInt(at + 28),
          in.getInt(at + 32), in.getLong(at + 36));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static ByteBuffer fileHeader() {
    return ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
  }

  /** Appends the record of the newest fragment (page cache only). */
  void append(FragmentMeta meta) throws IOException {
    ByteBuffer record = encode(meta);
    while (record.hasRemaining()) {
      channel.write(record);
    }
    records++;
  }

  long records() {
    return records;
  }

  /** Replaces the file with exactly {@code metas} (after retention), atomically. */
  void rewrite(List<FragmentMeta> metas) throws IOException {
    Path temp = path.resolveSibling(path.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.allocate(FILE_HEADER_BYTES + RECORD_BYTES * 1024);
      buffer.put(fileHeader());
      for (FragmentMeta meta : metas) {
        if (buffer.remaining() < RECORD_BYTES) {
          drain(out, buffer);
        }
        buffer.put(encode(meta));
      }
      drain(out, buffer);
      out.force(true);
    }
    channel.close();
    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.position(channel.size());
    records = metas.size();
  }

  private static void drain(FileChannel out, ByteBuffer buffer) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
    buffer.clear();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
