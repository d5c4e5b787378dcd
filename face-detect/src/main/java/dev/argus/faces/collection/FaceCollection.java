package dev.argus.faces.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.log.FsyncPolicy;
import dev.argus.log.Log;
import dev.argus.log.LogConfig;
import dev.argus.log.LogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One face collection: its faces in memory for search ({@link FaceMatrix}) and, on disk, in its
 * own directory:
 *
 * <pre>
 * collection.json   {"CollectionId", "Arn", "CreatedAt" (epoch millis), "FaceModelVersion", "Dimension"},
 *                   written once, before the directory gets its final name
 * journal/          a {@link Log} of {@link JournalCodec} entries, one per IndexFaces or DeleteFaces
 * </pre>
 *
 * Every change is appended and forced ({@link FsyncPolicy#everyWrite()}) before it is applied in
 * memory and answered, so an acknowledged change survives a crash; opening replays the journal
 * (the log cuts a torn tail). Deleted faces stay in the journal until the collection is deleted.
 *
 * <p>Thread-safe: searches share a read lock, changes take the write lock (one writer per log).
 */
public final class FaceCollection implements AutoCloseable {

  static final String META_FILE = "collection.json";
  static final String JOURNAL_DIR = "journal";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CollectionInfo base;
  private final int maxFaces;
  private final Log journal;
  private final Clock clock;
  private final FaceMatrix matrix;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  private FaceCollection(CollectionInfo base, int maxFaces, Log journal, Clock clock) {
    this.base = base;
    this.maxFaces = maxFaces;
    this.journal = journal;
    this.clock = clock;
    this.matrix = new FaceMatrix(base.dimension());
  }

  /** Writes {@link #META_FILE} into a new, still temporary directory. */
  static void writeMeta(Path dir, CollectionInfo info) throws IOException {
    ObjectNode meta = JSON.createObjectNode()
        .put("CollectionId", info.collectionId())
        .put("Arn", info.arn())
        .put("CreatedAt", info.createdAt().toEpochMilli())
        .put("FaceModelVersion", info.faceModelVersion())
        .put("Dimension", info.dimension());
    Files.write(dir.resolve(META_FILE), JSON.writeValueAsBytes(meta));
  }

  /**
   * Opens a collection directory and replays its journal.
   *
   * @throws IOException also when the metadata or a journal entry cannot be decoded
   */
  static FaceCollection open(Path dir, int maxFaces, Clock clock) throws IOException {
    JsonNode meta = JSON.readTree(Files.readAllBytes(dir.resolve(META_FILE)));
    CollectionInfo info;
    try {
      info = new CollectionInfo(meta.path("CollectionId").asText(), meta.path("Arn").asText(),
          Instant.ofEpochMilli(meta.path("CreatedAt").asLong()), meta.path("FaceModelVersion").asText(),
          meta.path("Dimension").asInt(), 0);
    } catch (RuntimeException e) {
      throw new IOException("corrupt " + dir.resolve(META_FILE) + ": " + e.getMessage(), e);
    }
    Log journal = Log.open(dir.resolve(JOURNAL_DIR), LogConfig.defaults(FsyncPolicy.everyWrite(), clock));
    FaceCollection collection = new FaceCollection(info, maxFaces, journal, clock);
    try {
      collection.replay();
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e;
    }
    return collection;
  }

  private void replay() throws IOException {
    long offset = journal.firstOffset();
    while (offset < journal.nextOffset()) {
      List<LogEntry> entries = journal.read(offset, 256, 64L << 20);
      if (entries.isEmpty()) {
        break;
      }
      for (LogEntry entry : entries) {
        try {
          apply(JournalCodec.decode(entry.payload(), base.dimension()));
        } catch (JournalCodec.DecodeException e) {
          throw new IOException("journal entry " + entry.offset() + " of " + base.collectionId() + ": "
              + e.getMessage(), e);
        }
        offset = entry.offset() + 1;
      }
    }
  }

  private void apply(JournalCodec.Change change) {
    if (change instanceof JournalCodec.Added added) {
      added.faces().forEach(matrix::add);
    } else if (change instanceof JournalCodec.Deleted deleted) {
      deleted.faceIds().forEach(matrix::remove);
    }
  }

  public CollectionInfo info() {
    lock.readLock().lock();
    try {
      return base.withFaceCount(matrix.size());
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Adds faces durably, all or none.
   *
   * @throws CollectionFullException      past the collection's face limit
   * @throws InvalidCollectionRequestException an embedding of the wrong length
   */
  public void add(List<FaceRecord> faces) {
    for (FaceRecord face : faces) {
      if (face.embedding().length != base.dimension()) {
        throw new InvalidCollectionRequestException("collection " + base.collectionId() + " holds "
            + base.faceModelVersion() + " embeddings of " + base.dimension() + " floats");
      }
    }
    lock.writeLock().lock();
    try {
      if ((long) matrix.size() + faces.size() > maxFaces) {
        throw new CollectionFullException("collection " + base.collectionId() + " is full (" + maxFaces + " faces)");
      }
      append(JournalCodec.encodeAdd(faces));
      faces.forEach(matrix::add);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Deletes the faces that are there, durably; returns their ids. Unknown ids are ignored. */
  public List<UUID> delete(List<UUID> faceIds) {
    lock.writeLock().lock();
    try {
      List<UUID> present = faceIds.stream().distinct().filter(id -> matrix.get(id) != null).toList();
      if (!present.isEmpty()) {
        append(JournalCodec.encodeDelete(present));
        present.forEach(matrix::remove);
      }
      return present;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void append(ByteBuffer payload) {
    try {
      journal.append(clock.millis(), payload);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the journal of " + base.collectionId(), e);
    }
  }

  /** The face, or null. */
  public FaceRecord get(UUID faceId) {
    lock.readLock().lock();
    try {
      return matrix.get(faceId);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Up to {@code max} faces whose id (as text) sorts after {@code afterFaceId} (null: from the
   * start), in that order: a stable order for paging while faces come and go.
   */
  public List<FaceRecord> list(String afterFaceId, int max) {
    lock.readLock().lock();
    try {
      List<FaceRecord> out = new ArrayList<>();
      for (FaceRecord face : matrix.faces()) {
        if (afterFaceId == null || face.faceId().toString().compareTo(afterFaceId) > 0) {
          out.add(face);
        }
      }
      out.sort(Comparator.comparing(f -> f.faceId().toString()));
      return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** See {@link FaceMatrix#search}. */
  public List<FaceMatch> search(float[] query, double minCosine, int max, UUID exclude) {
    if (query.length != base.dimension()) {
      throw new InvalidCollectionRequestException("collection " + base.collectionId() + " was indexed with "
          + base.faceModelVersion() + "; this server embeds faces differently");
    }
    lock.readLock().lock();
    try {
      return matrix.search(query, minCosine, max, exclude);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      journal.close();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
