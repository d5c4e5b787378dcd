package dev.argus.fragmentstore.catalogstore;

import dev.argus.fragmentstore.catalog.Catalog;
import dev.argus.fragmentstore.catalog.CatalogStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The catalog on disk: one snapshot file, {@value #FILE_NAME}, in its directory (format in
 * {@link CatalogCodec}), rewritten whole on every change.
 *
 * <p>A save writes {@value #TEMP_NAME}, forces it to disk, renames it over {@value #FILE_NAME}
 * atomically and then forces the directory, so that the rename itself is durable. After a crash
 * the file is either the old snapshot or the new one, never a mix; a leftover temp file is an
 * unfinished save and is deleted by {@link #load()}.
 *
 * <p>A missing file is an empty catalog (the first start). A file that is there but unreadable is
 * a {@link CorruptCatalogException}: never silently an empty catalog.
 *
 * <p>Not thread-safe: {@link dev.argus.fragmentstore.catalog.VideoStreamCatalog} saves from one
 * thread at a time. One process per directory (the server locks its data directory).
 */
public final class CatalogFile implements CatalogStore {

  public static final String FILE_NAME = "video-streams.json";
  static final String TEMP_NAME = FILE_NAME + ".tmp";

  private final Path directory;
  private final Path file;
  private final Path temp;

  public CatalogFile(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.file = directory.resolve(FILE_NAME);
    this.temp = directory.resolve(TEMP_NAME);
  }

  public Path file() {
    return file;
  }

  /**
   * Reads the durable catalog, creating the directory when it does not exist.
   *
   * @throws CorruptCatalogException when the file exists and is not a valid snapshot
   */
  public Catalog load() throws IOException {
    Files.createDirectories(directory);
    Files.deleteIfExists(temp);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Catalog.EMPTY;
    }
    try {
      return CatalogCodec.decode(bytes);
    } catch (CatalogCodec.DecodeException e) {
      throw new CorruptCatalogException(file, e.getMessage(), e);
    }
  }

  @Override
  public void save(Catalog catalog) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(CatalogCodec.encode(catalog));
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory();
  }

  /** Makes the rename durable (POSIX: fsync the directory). */
  private void forceDirectory() throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
