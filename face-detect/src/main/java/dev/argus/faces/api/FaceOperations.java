package dev.argus.faces.api;

import static dev.argus.faces.api.Members.MEMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.faces.analysis.FaceAnalyzer;
import dev.argus.faces.analysis.QualityFilter;
import dev.argus.faces.api.Documents.BoxDoc;
import dev.argus.faces.api.Documents.CreateCollectionOutput;
import dev.argus.faces.api.Documents.DeleteCollectionOutput;
import dev.argus.faces.api.Documents.DeleteFacesOutput;
import dev.argus.faces.api.Documents.DescribeCollectionOutput;
import dev.argus.faces.api.Documents.DetectFacesOutput;
import dev.argus.faces.api.Documents.FaceDetailDoc;
import dev.argus.faces.api.Documents.FaceDoc;
import dev.argus.faces.api.Documents.FaceMatchDoc;
import dev.argus.faces.api.Documents.FaceRecordDoc;
import dev.argus.faces.api.Documents.IndexFacesOutput;
import dev.argus.faces.api.Documents.ListCollectionsOutput;
import dev.argus.faces.api.Documents.ListFacesOutput;
import dev.argus.faces.api.Documents.SearchFacesByImageOutput;
import dev.argus.faces.api.Documents.SearchFacesOutput;
import dev.argus.faces.api.Documents.UnindexedFaceDoc;
import dev.argus.faces.api.Documents.UnsuccessfulFaceDeletionDoc;
import dev.argus.faces.collection.CollectionInfo;
import dev.argus.faces.collection.FaceCollection;
import dev.argus.faces.collection.FaceCollections;
import dev.argus.faces.collection.FaceMatch;
import dev.argus.faces.collection.FaceNotFoundException;
import dev.argus.faces.collection.FaceRecord;
import dev.argus.faces.collection.InvalidCollectionRequestException;
import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.embed.FaceEmbedder;
import dev.argus.faces.embed.SimilarityScale;
import dev.argus.faces.analysis.EmbeddedFace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The Rekognition image and collection operations. Cheap ones answer on the calling worker; the
 * ones that look at an image run their decode/detect/embed on the {@link FaceAnalyzer}'s bounded
 * pool and finish there.
 *
 * <p>Thread-safe: stateless over thread-safe collaborators.
 */
final class FaceOperations {

  static final float DEFAULT_FACE_MATCH_THRESHOLD = 80f;
  /** Rekognition's default and largest MaxFaces for searches. */
  static final int DEFAULT_SEARCH_MAX_FACES = 80;
  static final int MAX_SEARCH_MAX_FACES = 4096;
  /** IndexFaces may index at most this many faces from one image. */
  static final int MAX_INDEX_FACES = 100;
  static final int DEFAULT_PAGE = 1000;
  static final int MAX_PAGE = 4096;

  private final FaceCollections collections;
  private final FaceAnalyzer analyzer;
  private final FaceEmbedder embedder;
  private final Supplier<UUID> ids;

  FaceOperations(FaceCollections collections, FaceAnalyzer analyzer, Supplier<UUID> ids) {
    this.collections = Objects.requireNonNull(collections, "collections");
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    this.embedder = analyzer.embedder();
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  Object createCollection(JsonNode body) {
    CollectionInfo info = collections.create(MEMBERS.nonEmptyText(body, "CollectionId"), embedder.modelVersion(),
        embedder.dimension());
    return new CreateCollectionOutput(200, info.arn(), info.faceModelVersion());
  }

  Object describeCollection(JsonNode body) {
    CollectionInfo info = collections.get(MEMBERS.nonEmptyText(body, "CollectionId")).info();
    return new DescribeCollectionOutput(info.faceCount(), info.faceModelVersion(), info.arn(), info.createdAt(), 0);
  }

  Object listCollections(JsonNode body) {
    int max = MEMBERS.integer(body, "MaxResults", DEFAULT_PAGE, 0, MAX_PAGE);
    String after = PageTokens.decode('c', MEMBERS.text(body, "NextToken"));
    List<CollectionInfo> page = collections.list(after, max + 1);
    List<CollectionInfo> shown = page.subList(0, Math.min(max, page.size()));
    String next = page.size() > max && !shown.isEmpty()
        ? PageTokens.encode('c', shown.get(shown.size() - 1).collectionId()) : null;
    return new ListCollectionsOutput(shown.stream().map(CollectionInfo::collectionId).toList(), next,
        shown.stream().map(CollectionInfo::faceModelVersion).toList());
  }

  Object deleteCollection(JsonNode body) {
    collections.delete(MEMBERS.nonEmptyText(body, "CollectionId"));
    return new DeleteCollectionOutput(200);
  }

  CompletableFuture<Object> indexFaces(JsonNode body) {
    FaceCollection collection = compatible(MEMBERS.nonEmptyText(body, "CollectionId"));
    String external = MEMBERS.text(body, "ExternalImageId");
    if (external != null) {
      dev.argus.faces.collection.ExternalImageIds.check(external);
    }
    int maxFaces = MEMBERS.integer(body, "MaxFaces", MAX_INDEX_FACES, 1, Integer.MAX_VALUE);
    QualityFilter filter = filter(body, QualityFilter.AUTO);
    byte[] image = Members.image(body);
    int limit = Math.min(maxFaces, MAX_INDEX_FACES);
    return analyzer.analyze(image, faces -> IndexPlan.of(faces, filter, limit).indexed()).thenApply(analysis -> {
      IndexPlan plan = IndexPlan.of(analysis.faces(), filter, limit);
      UUID imageId = ids.get();
      List<FaceRecord> records = new ArrayList<>();
      List<FaceRecordDoc> docs = new ArrayList<>();
      for (EmbeddedFace embedded : analysis.embedded()) {
        DetectedFace face = embedded.face();
        FaceRecord record = new FaceRecord(ids.get(), imageId, external, face.boundingBox(), face.confidence(),
            embedded.embedding());
        records.add(record);
        docs.add(new FaceRecordDoc(FaceDoc.of(record, embedder.modelVersion()), FaceDetailDoc.of(face)));
      }
      if (!records.isEmpty()) {
        collection.add(records);
      }
      List<UnindexedFaceDoc> unindexed = plan.unindexed().stream()
          .map(u -> new UnindexedFaceDoc(u.reasons(), FaceDetailDoc.of(u.face()))).toList();
      return new IndexFacesOutput(docs, embedder.modelVersion(), unindexed);
    });
  }

  Object listFaces(JsonNode body) {
    FaceCollection collection = collections.get(MEMBERS.nonEmptyText(body, "CollectionId"));
    int max = MEMBERS.integer(body, "MaxResults", DEFAULT_PAGE, 0, MAX_PAGE);
    String after = PageTokens.decode('f', MEMBERS.text(body, "NextToken"));
    List<String> only = MEMBERS.stringList(body, "FaceIds", 0, MAX_PAGE);
    String version = collection.info().faceModelVersion();
    if (only != null) {
      List<FaceDoc> faces = only.stream().map(FaceOperations::faceId).map(collection::get).filter(Objects::nonNull)
          .sorted(Comparator.comparing(f -> f.faceId().toString())).map(f -> FaceDoc.of(f, version)).toList();
      return new ListFacesOutput(faces, null, version);
    }
    List<FaceRecord> page = collection.list(after, max + 1);
    List<FaceRecord> shown = page.subList(0, Math.min(max, page.size()));
    String next = page.size() > max && !shown.isEmpty()
        ? PageTokens.encode('f', shown.get(shown.size() - 1).faceId().toString()) : null;
    return new ListFacesOutput(shown.stream().map(f -> FaceDoc.of(f, version)).toList(), next, version);
  }

  Object deleteFaces(JsonNode body) {
    FaceCollection collection = collections.get(MEMBERS.nonEmptyText(body, "CollectionId"));
    List<String> requested = MEMBERS.stringList(body, "FaceIds", 1, MAX_PAGE);
    List<UUID> parsed = requested.stream().map(FaceOperations::faceId).toList();
    Set<UUID> deleted = new HashSet<>(collection.delete(parsed));
    List<String> done = new ArrayList<>();
    List<UnsuccessfulFaceDeletionDoc> failed = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      if (deleted.contains(parsed.get(i))) {
        done.add(requested.get(i));
      } else {
        failed.add(new UnsuccessfulFaceDeletionDoc(requested.get(i), List.of("FACE_NOT_FOUND")));
      }
    }
    return new DeleteFacesOutput(done, failed);
  }

  Object searchFaces(JsonNode body) {
    FaceCollection collection = compatible(MEMBERS.nonEmptyText(body, "CollectionId"));
    String faceId = MEMBERS.nonEmptyText(body, "FaceId");
    FaceRecord face = collection.get(faceId(faceId));
    if (face == null) {
      throw new FaceNotFoundException("collection " + collection.info().collectionId() + " has no face " + faceId);
    }
    List<FaceMatchDoc> matches = search(collection, face.embedding(), body, face.faceId());
    return new SearchFacesOutput(faceId, matches, embedder.modelVersion());
  }

  CompletableFuture<Object> searchFacesByImage(JsonNode body) {
    FaceCollection collection = compatible(MEMBERS.nonEmptyText(body, "CollectionId"));
    QualityFilter filter = filter(body, QualityFilter.NONE);
    MEMBERS.integer(body, "MaxFaces", DEFAULT_SEARCH_MAX_FACES, 1, MAX_SEARCH_MAX_FACES);
    MEMBERS.number(body, "FaceMatchThreshold", DEFAULT_FACE_MATCH_THRESHOLD, 0, 100);
    byte[] image = Members.image(body);
    return analyzer.analyze(image, faces -> largest(faces, filter)).thenApply(analysis -> {
      if (analysis.embedded().isEmpty()) {
        throw new InvalidParameterException(analysis.faces().isEmpty() ? "There are no faces in the image"
            : "No face in the image passes QualityFilter " + filter);
      }
      EmbeddedFace searched = analysis.embedded().get(0);
      List<FaceMatchDoc> matches = search(collection, searched.embedding(), body, null);
      return new SearchFacesByImageOutput(BoxDoc.of(searched.face().boundingBox()), searched.face().confidence(),
          matches, embedder.modelVersion());
    });
  }

  CompletableFuture<Object> detectFaces(JsonNode body) {
    MEMBERS.stringList(body, "Attributes", 0, 64);
    byte[] image = Members.image(body);
    return analyzer.analyze(image, faces -> List.of()).thenApply(analysis ->
        new DetectFacesOutput(analysis.faces().stream().map(FaceDetailDoc::of).toList()));
  }

  private List<FaceMatchDoc> search(FaceCollection collection, float[] query, JsonNode body, UUID exclude) {
    int maxFaces = MEMBERS.integer(body, "MaxFaces", DEFAULT_SEARCH_MAX_FACES, 1, MAX_SEARCH_MAX_FACES);
    float threshold = MEMBERS.number(body, "FaceMatchThreshold", DEFAULT_FACE_MATCH_THRESHOLD, 0, 100);
    SimilarityScale scale = embedder.scale();
    List<FaceMatch> found = collection.search(query, threshold <= 0 ? -1 : scale.cosineFor(threshold), maxFaces,
        exclude);
    String version = embedder.modelVersion();
    return found.stream()
        .map(m -> new FaceMatchDoc(scale.similarity(m.cosine()), FaceDoc.of(m.face(), version)))
        .filter(m -> m.similarity() >= threshold)
        .toList();
  }

  private static List<DetectedFace> largest(List<DetectedFace> faces, QualityFilter filter) {
    return faces.stream().filter(f -> filter.reasons(f).isEmpty())
        .max(Comparator.comparingDouble(DetectedFace::pixelArea)).map(List::of).orElse(List.of());
  }

  /** The collection, when its faces were embedded the way this server embeds them. */
  private FaceCollection compatible(String collectionId) {
    FaceCollection collection = collections.get(collectionId);
    String version = collection.info().faceModelVersion();
    if (!version.equals(embedder.modelVersion())) {
      throw new InvalidCollectionRequestException("collection " + collectionId + " holds " + version
          + " embeddings; this server embeds with " + embedder.modelVersion());
    }
    return collection;
  }

  private static QualityFilter filter(JsonNode body, QualityFilter fallback) {
    try {
      return QualityFilter.parse(MEMBERS.text(body, "QualityFilter"), fallback);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(e.getMessage());
    }
  }

  private static UUID faceId(String text) {
    try {
      UUID id = UUID.fromString(text);
      if (!id.toString().equals(text.toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(text);
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("FaceId must be a UUID: " + text);
    }
  }
}
