package dev.argus.faces;

import dev.argus.awshttp.api.AwsApi;
import dev.argus.faces.analysis.FaceAnalyzer;
import dev.argus.faces.api.RekognitionApi;
import dev.argus.faces.collection.FaceCollections;
import dev.argus.faces.detect.YunetFaceDetector;
import dev.argus.faces.embed.FaceEmbedder;
import dev.argus.faces.embed.LbpFaceEmbedder;
import dev.argus.faces.embed.SfaceFaceEmbedder;
import dev.argus.faces.processor.RecordSink;
import dev.argus.faces.processor.StreamProcessors;
import dev.argus.faces.processor.VideoFragmentSource;
import dev.argus.faces.stream.AnalysisPool;
import dev.argus.faces.stream.FrameAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Faces for the app to wire: the detector, the embedder, the durable collections and the
 * Rekognition API on the shared port. Usage:
 *
 * <pre>{@code
 * FacesModule faces = FacesModule.open(dataDir.subdirectory("faces"), clock, region, account, null,
 *     videoFragmentSource, recordSink); // or the 5-argument open, without stream processors
 * HttpServer server = HttpServer.start(config, List.of(..., faces.api()));
 * ...
 * server.close(); // stop serving first, then close the module
 * faces.close();
 * }</pre>
 *
 * Collections live under {@code dir/collections}, stream processors under {@code dir/processors}. With {@code sfaceModel} null the default LBP
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

  private final StreamProcessors processors;
  /** The stream processors' shared analysis threads, or null without processors. */
  private final AnalysisPool analysisPool;

  private FacesModule(FaceCollections collections, FaceAnalyzer analyzer, StreamProcessors processors,
                      AnalysisPool analysisPool) {
    this.collections = collections;
    this.analyzer = analyzer;
    this.processors = processors;
    this.analysisPool = analysisPool;
    this.api = new RekognitionApi(collections, analyzer, processors);
  }

  /**
   * Opens the module with stream processors: they read video through {@code video}, write records
   * through {@code records}, and are stored under {@code dir/processors}; those RUNNING when the
   * server stopped start again now.
   */
  public static FacesModule open(Path dir, Clock clock, String region, String account, Path sfaceModel,
                                 VideoFragmentSource video, RecordSink records) throws IOException {
    return open(dir, clock, region, account, sfaceModel, video, records, AnalysisPool.DEFAULT_THREADS);
  }

  /**
   * As above, with the stream processors' frames analysed on one shared pool of
   * {@code analysisThreads} threads ({@link AnalysisPool}: a processor that cannot keep up drops
   * frames instead of falling behind).
   */
  public static FacesModule open(Path dir, Clock clock, String region, String account, Path sfaceModel,
                                 VideoFragmentSource video, RecordSink records, int analysisThreads)
      throws IOException {
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(records, "records");
    AnalysisPool pool = new AnalysisPool(analysisThreads, clock, AnalysisPool.DEFAULT_MAX_LATE_MILLIS);
    FacesModule base;
    try {
      base = open(dir, clock, region, account, sfaceModel);
    } catch (IOException | RuntimeException e) {
      pool.close();
      throw e;
    }
    try {
      StreamProcessors processors = StreamProcessors.open(dir.resolve("processors"), clock, region, account, video,
          records, base.collections, new FrameAnalyzer(base.analyzer, pool), StreamProcessors.DEFAULT_FRAMES_PER_SECOND,
          StreamProcessors.DEFAULT_MAX_LAG_MILLIS);
      return new FacesModule(base.collections, base.analyzer, processors, pool);
    } catch (IOException | RuntimeException e) {
      pool.close();
      base.close();
      throw e;
    }
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
      return new FacesModule(collections, analyzer, null, null);
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

  /** Stops the stream processors' workers (they restart on the next open), the analysis pool and closes every collection's journal (all already durable). */
  /** The stream processors, or null when opened without video and data-stream sources. */
  public StreamProcessors processors() {
    return processors;
  }

  @Override
  public void close() {
    if (processors != null) {
      processors.close();
    }
    if (analysisPool != null) {
      analysisPool.close();
    }
    analyzer.close();
    collections.close();
  }
}
