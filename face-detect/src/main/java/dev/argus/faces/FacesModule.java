package dev.argus.faces;

import dev.argus.awshttp.api.AwsApi;
import dev.argus.faces.analysis.FaceAnalyzer;
import dev.argus.faces.api.RekognitionApi;
import dev.argus.faces.collection.FaceCollections;
import dev.argus.faces.detect.YunetFaceDetector;
import dev.argus.faces.embed.FaceEmbedder;
import dev.argus.faces.embed.LbpFaceEmbedder;
import dev.argus.faces.embed.SfaceFaceEmbedder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Faces for the app to wire: the detector, the embedder, the durable collections and the
 * Rekognition API on the shared port. Usage:
 *
 * <pre>{@code
 * FacesModule faces = FacesModule.open(dataDir.subdirectory("faces"), clock, region, account, null);
 * HttpServer server = HttpServer.start(config, List.of(..., faces.api()));
 * ...
 * server.close(); // stop serving first, then close the module
 * faces.close();
 * }</pre>
 *
 * Collections live under {@code dir/collections}. With {@code sfaceModel} null the default LBP
 * embedder is used; with a path, the SFace model there (verified against its official SHA-256,
 * or the open fails). Collections remember their embedder, so switching embedders leaves older
 * collections unsearchable until re-indexed (requests on them get InvalidParameterException).
 *
 * <p>Thread-safe.
 */
public final class FacesModule implements AutoCloseable {

  private final FaceCollections collections;
  private final FaceAnalyzer analyzer;
  private final AwsApi api;

  private FacesModule(FaceCollections collections, FaceAnalyzer analyzer) {
    this.collections = collections;
    this.analyzer = analyzer;
    this.api = new RekognitionApi(collections, analyzer);
  }

  /**
   * @param sfaceModel an OpenCV Zoo SFace model file, or null for the built-in LBP embedder
   * @throws dev.argus.faces.model.ModelIntegrityException when a model fails verification
   */
  public static FacesModule open(Path dir, Clock clock, String region, String account, Path sfaceModel)
      throws IOException {
    Objects.requireNonNull(dir, "dir");
    FaceEmbedder embedder = sfaceModel == null ? new LbpFaceEmbedder()
        : SfaceFaceEmbedder.open(sfaceModel, FaceAnalyzer.DEFAULT_THREADS);
    FaceAnalyzer analyzer;
    try {
      YunetFaceDetector detector = new YunetFaceDetector(YunetFaceDetector.Config.defaults());
      analyzer = new FaceAnalyzer(detector, embedder, FaceAnalyzer.DEFAULT_THREADS, FaceAnalyzer.DEFAULT_QUEUE);
    } catch (RuntimeException e) {
      embedder.close();
      throw e;
    }
    try {
      FaceCollections collections = FaceCollections.open(dir.resolve("collections"), clock, region, account,
          FaceCollections.DEFAULT_MAX_FACES_PER_COLLECTION);
      return new FacesModule(collections, analyzer);
    } catch (IOException | RuntimeException e) {
      analyzer.close();
      throw e;
    }
  }

  /** The Rekognition API, for {@code HttpServer.start(config, apis)}. */
  public AwsApi api() {
    return api;
  }

  public FaceCollections collections() {
    return collections;
  }

  public FaceAnalyzer analyzer() {
    return analyzer;
  }

  /** Stops the analysis pool and closes every collection's journal (all already durable). */
  @Override
  public void close() {
    analyzer.close();
    collections.close();
  }
}
