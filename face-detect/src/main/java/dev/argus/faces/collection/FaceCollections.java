package dev.argus.faces.collection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every face collection of one server, under one directory:
 *
 * <pre>
 * c-ID/            one collection (see {@link FaceCollection}); "c-" keeps ids like "." safe as names
 * tmp-ID/          a creation in progress: metadata is written here, then the directory is renamed
 * del-ID/          a deletion in progress: renamed out of the way first, then removed
 * </pre>
 *
 * A crash leaves no half-made or half-deleted collection visible: {@link #open} removes tmp- and
 * del- leftovers. All collections are loaded into memory when opened.
 *
 * <p>Thread-safe: the registry is guarded by this object's monitor; each collection guards itself.
 */
public final class FaceCollections implements AutoCloseable {

  /** Memory bound: 200k faces of the default LBP embedding (2,124 floats) is about 1.7 GB. */
  public static final int DEFAULT_MAX_FACES_PER_COLLECTION = 200_000;
  /** Rekognition's default quota is far larger; this bounds open journals and memory. */
  public static final int DEFAULT_MAX_COLLECTIONS = 1_000;

  private static final String LIVE = "c-";
  private static final String CREATING = "tmp-";
  private static final String DELETING = "del-";

  private final Path root;
  private final Clock clock;
  private final String arnPrefix;
  private final int maxFacesPerCollection;
  /** Open collections by id; the TreeMap gives ListCollections its order. */
  private final Map<String, FaceCollection> collections = new TreeMap<>();

  private FaceCollections(Path root, Clock clock, String arnPrefix, int maxFacesPerCollection) {
    this.root = root;
    this.clock = clock;
    this.arnPrefix = arnPrefix;
    this.maxFacesPerCollection = maxFacesPerCollection;
  }

  /**
   * Opens (creating when missing) the collections under {@code root}.
   *
   * @param region  for ARNs, e.g. us-east-1
   * @param account for ARNs, 12 digits
   */
  public static FaceCollections open(Path root, Clock clock, String region, String account, int maxFacesPerCollection)
      throws IOException {
    Files.createDirectories(root);
    FaceCollections all = new FaceCollections(root, Objects.requireNonNull(clock, "clock"),
        "aws:rekognition:" + region + ":" + account + ":collection/", maxFacesPerCollection);
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (name.startsWith(CREATING) || name.startsWith(DELETING)) {
          deleteTree(dir);
        } else if (name.startsWith(LIVE)) {
          FaceCollection collection = FaceCollection.open(dir, maxFacesPerCollection, clock);
          all.collections.put(collection.info().collectionId(), collection);
        }
      }
    } catch (IOException | RuntimeException e) {
      all.close();
      throw e;
    }
    return all;
  }

  /**
   * Creates an empty collection for embeddings of one model.
   *
   * @throws CollectionAlreadyExistsException when the id is taken
   */
  public synchronized CollectionInfo create(String collectionId, String faceModelVersion, int dimension) {
    ExternalImageIds.checkCollectionId(collectionId);
    if (collections.containsKey(collectionId)) {
      throw new CollectionAlreadyExistsException("collection " + collectionId + " already exists");
    }
    if (collections.size() >= DEFAULT_MAX_COLLECTIONS) {
      throw new InvalidCollectionRequestException("this server holds its limit of "
          + DEFAULT_MAX_COLLECTIONS + " collections");
    }
    CollectionInfo info = new CollectionInfo(collectionId, arnPrefix + collectionId,
        Instant.ofEpochMilli(clock.millis()), faceModelVersion, dimension, 0);
    Path temp = root.resolve(CREATING + collectionId);
    Path live = root.resolve(LIVE + collectionId);
    try {
      deleteTree(temp);
      Files.createDirectories(temp);
      FaceCollection.writeMeta(temp, info);
      Files.move(temp, live, StandardCopyOption.ATOMIC_MOVE);
      collections.put(collectionId, FaceCollection.open(live, maxFacesPerCollection, clock));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create collection " + collectionId, e);
    }
    return info;
  }

  /** @throws CollectionNotFoundException when there is no such collection */
  public synchronized FaceCollection get(String collectionId) {
    FaceCollection collection = collectionId == null ? null : collections.get(collectionId);
    if (collection == null) {
      throw new CollectionNotFoundException("collection " + collectionId + " not found");
    }
    return collection;
  }

  /** Up to {@code max} collection ids that sort after {@code afterId} (null: from the start). */
  public synchronized List<CollectionInfo> list(String afterId, int max) {
    List<CollectionInfo> out = new ArrayList<>();
    Map<String, FaceCollection> tail = afterId == null ? collections : ((TreeMap<String, FaceCollection>) collections)
        .tailMap(afterId, false);
    for (FaceCollection collection : tail.values()) {
      if (out.size() == max) {
        break;
      }
      out.add(collection.info());
    }
    return out;
  }

  /** Deletes a collection and its faces, durably. @throws CollectionNotFoundException */
  public synchronized void delete(String collectionId) {
    FaceCollection collection = get(collectionId);
    collections.remove(collectionId);
    Path doomed = root.resolve(DELETING + collectionId);
    try {
      collection.close();
      Files.move(root.resolve(LIVE + collectionId), doomed, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(doomed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete collection " + collectionId, e);
    }
  }

  @Override
  public synchronized void close() {
    for (FaceCollection collection : collections.values()) {
      try {
        collection.close();
      } catch (IOException e) {
        // keep closing the others; the journal is already durable
      }
    }
    collections.clear();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
