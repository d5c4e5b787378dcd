package dev.argus.faces.api;

import dev.argus.faces.processor.StreamProcessors;
import java.util.HashMap;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.AwsApi;
import dev.argus.awshttp.api.Operation;
import dev.argus.awshttp.api.Operations;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.api.UnaryOperation;
import dev.argus.faces.analysis.FaceAnalyzer;
import dev.argus.faces.collection.FaceCollections;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rekognition on the shared port: requests with {@code X-Amz-Target: RekognitionService.<Op>}
 * (awsJson1.1). Collections: CreateCollection, DescribeCollection, ListCollections,
 * DeleteCollection. Faces: IndexFaces, ListFaces, DeleteFaces, SearchFaces, SearchFacesByImage,
 * DetectFaces. Stream processors: CreateStreamProcessor, StartStreamProcessor, StopStreamProcessor,
 * DescribeStreamProcessor, ListStreamProcessors, DeleteStreamProcessor. Any other operation under the prefix is an {@code UnknownOperationException}.
 *
 * <p>Failures reach the client through {@link ErrorTable}. Thread-safe: {@link #resolve} is a
 * lookup in an immutable map.
 */
public final class RekognitionApi implements AwsApi {

  public static final String TARGET_PREFIX = "RekognitionService.";

  private final Map<String, UnaryOperation> operations;

  public RekognitionApi(FaceCollections collections, FaceAnalyzer analyzer) {
    this(collections, analyzer, UUID::randomUUID, null);
  }

  /** With stream processors (null: their operations answer InvalidParameterException). */
  public RekognitionApi(FaceCollections collections, FaceAnalyzer analyzer, StreamProcessors processors) {
    this(collections, analyzer, UUID::randomUUID, processors);
  }

  RekognitionApi(FaceCollections collections, FaceAnalyzer analyzer, Supplier<UUID> ids) {
    this(collections, analyzer, ids, null);
  }

  RekognitionApi(FaceCollections collections, FaceAnalyzer analyzer, Supplier<UUID> ids, StreamProcessors processors) {
    FaceOperations ops = new FaceOperations(collections, analyzer, ids);
    Map<String, UnaryOperation> all = new HashMap<>(Map.of(
        "CreateCollection", now(ops::createCollection),
        "DescribeCollection", now(ops::describeCollection),
        "ListCollections", now(ops::listCollections),
        "DeleteCollection", now(ops::deleteCollection),
        "IndexFaces", later(ops::indexFaces),
        "ListFaces", now(ops::listFaces),
        "DeleteFaces", now(ops::deleteFaces),
        "SearchFaces", now(ops::searchFaces),
        "SearchFacesByImage", later(ops::searchFacesByImage),
        "DetectFaces", later(ops::detectFaces)));
    StreamProcessorOperations sp = processors == null ? null : new StreamProcessorOperations(processors);
    Map<String, Function<JsonNode, Object>> streamOps = sp == null ? Map.of() : Map.of(
        "CreateStreamProcessor", sp::create,
        "StartStreamProcessor", sp::start,
        "StopStreamProcessor", sp::stop,
        "DescribeStreamProcessor", sp::describe,
        "ListStreamProcessors", sp::list,
        "DeleteStreamProcessor", sp::delete);
    for (String name : List.of("CreateStreamProcessor", "StartStreamProcessor", "StopStreamProcessor",
        "DescribeStreamProcessor", "ListStreamProcessors", "DeleteStreamProcessor")) {
      all.put(name, now(streamOps.getOrDefault(name, body -> {
        throw new InvalidParameterException("stream processors need the video and data-stream modules");
      })));
    }
    this.operations = Map.copyOf(all);
  }

  @Override
  public Optional<Operation> resolve(RequestHead head) {
    return Operations.byTarget(head, TARGET_PREFIX, operations, "Argus's Rekognition");
  }

  /** An operation answered on the calling worker. */
  private static UnaryOperation now(Function<JsonNode, Object> operation) {
    return Operations.answered(request -> operation.apply(request.body()), ErrorTable::toAws);
  }

  /** An operation whose heavy part completes on the analyzer's pool. */
  private static UnaryOperation later(Function<JsonNode, CompletableFuture<Object>> operation) {
    return Operations.completing(request -> operation.apply(request.body()), ErrorTable::toAws);
  }
}
