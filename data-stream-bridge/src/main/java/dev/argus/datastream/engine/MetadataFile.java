package dev.argus.datastream.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;

/**
 * The engine's durable metadata in its directory: {@value #FILE_NAME}, a JSON snapshot of every
 * stream ({@code {"version":1,"streams":[StreamInfo...]}}, records as Jackson writes them), and
 * {@value #KEY_FILE}, the 32-byte HMAC key that signs shard iterators, made once.
 *
 * <p>Each save writes a temp file, forces it, renames it over the snapshot atomically and forces
 * the directory: after a crash the file is the old snapshot or the new one, never a mix. A missing
 * snapshot is an empty engine; an unreadable one is an {@link IOException}, never silently empty.
 *
 * <p>Not thread-safe: the engine saves under its metadata lock.
 */
final class MetadataFile {

  static final String FILE_NAME = "streams.json";
  static final String KEY_FILE = "iterator.key";
  private static final int VERSION = 1;
  /** Records are written from their fields only, so derived accessors never reach the file. */
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The persisted form. */
  record Snapshot(int version, List<StreamInfo> streams) {
  }

  private final Path directory;

  MetadataFile(Path directory) {
    this.directory = directory;
  }

  List<StreamInfo> load() throws IOException {
    Files.createDirectories(directory);
    Files.deleteIfExists(directory.resolve(FILE_NAME + ".tmp"));
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(directory.resolve(FILE_NAME));
    } catch (NoSuchFileException e) {
      return List.of();
    }
    try {
      Snapshot snapshot = MAPPER.readValue(bytes, Snapshot.class);
      if (snapshot.version() != VERSION || snapshot.streams() == null) {
        throw new IOException("unsupported stream metadata version " + snapshot.version());
      }
      return snapshot.streams();
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IOException("corrupt stream metadata " + directory.resolve(FILE_NAME) + ": " + e.getMessage(), e);
    }
  }

  void save(Collection<StreamInfo> streams) throws IOException {
    writeAtomically(FILE_NAME, MAPPER.writeValueAsBytes(new Snapshot(VERSION, List.copyOf(streams))));
  }

  /** The iterator key, made from a secure random source the first time. */
  byte[] iteratorKey() throws IOException {
    Path file = directory.resolve(KEY_FILE);
    if (Files.exists(file)) {
      byte[] key = Files.readAllBytes(file);
      if (key.length != ShardIterators.KEY_BYTES) {
        throw new IOException("iterator key " + file + " has " + key.length + " bytes, not " + ShardIterators.KEY_BYTES);
      }
      return key;
    }
    byte[] key = new byte[ShardIterators.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    writeAtomically(KEY_FILE, key);
    return key;
  }

  private void writeAtomically(String name, byte[] bytes) throws IOException {
    Path temp = directory.resolve(name + ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
