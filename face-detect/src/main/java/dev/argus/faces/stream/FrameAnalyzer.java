package dev.argus.faces.stream;

import dev.argus.faces.analysis.Analysis;
import dev.argus.faces.analysis.EmbeddedFace;
import dev.argus.faces.analysis.FaceAnalyzer;
import dev.argus.faces.collection.FaceCollection;
import dev.argus.faces.collection.FaceMatch;
import dev.argus.faces.collection.FaceRecord;
import dev.argus.faces.detect.BoundingBox;
import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.embed.SimilarityScale;
import dev.argus.faces.stream.FaceSearchRecord.Box;
import dev.argus.faces.stream.FaceSearchRecord.DetectedFaceDoc;
import dev.argus.faces.stream.FaceSearchRecord.FaceDoc;
import dev.argus.faces.stream.FaceSearchRecord.FaceSearchResult;
import dev.argus.faces.stream.FaceSearchRecord.InputInformation;
import dev.argus.faces.stream.FaceSearchRecord.KinesisVideo;
import dev.argus.faces.stream.FaceSearchRecord.LandmarkDoc;
import dev.argus.faces.stream.FaceSearchRecord.MatchedFace;
import dev.argus.faces.stream.FaceSearchRecord.PoseDoc;
import dev.argus.faces.stream.FaceSearchRecord.QualityDoc;
import dev.argus.faces.stream.FaceSearchRecord.StreamProcessorInformation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A stream processor's work on one decoded frame: detect every face, embed each, search the
 * collection, and build the Rekognition Video record; empty when the frame has no face. Runs on
 * the caller's thread (a processor's own worker), so it never touches the request pool.
 *
 * <p>What a stream processor adds around it: tail the video stream (parser + fragment store),
 * decode frames (FFmpeg), pick them with a {@link FrameSampler}, and PutRecords
 * {@link FaceSearchRecords#toJson} with the video stream's name as partition key.
 *
 * <p>Thread-safe: stateless over thread-safe collaborators.
 */
public final class FrameAnalyzer {

  /** Rekognition Video returns at most this many matches per detected face. */
  public static final int DEFAULT_MAX_MATCHES = 10;

  private final FaceAnalyzer analyzer;
  /** Shared by every processor's lane, or null: lanes then analyse on the caller's thread. */
  private final AnalysisPool pool;

  /** Analyses on the caller's thread ({@link #lane()} gives inline lanes). */
  public FrameAnalyzer(FaceAnalyzer analyzer) {
    this(analyzer, null);
  }

  /** @param pool the analysis pool {@link #lane()} hands out lanes of, or null for inline lanes */
  public FrameAnalyzer(FaceAnalyzer analyzer, AnalysisPool pool) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    this.pool = pool;
  }

  /** A lane for one stream processor: on the shared pool, or inline without one. */
  public AnalysisPool.Lane lane() {
    return pool == null ? AnalysisPool.inline() : pool.lane();
  }

  /**
   * @param bgr        the decoded frame, 8-bit BGR; not retained
   * @param context    where it came from
   * @param collection the collection to search
   * @param threshold  FaceMatchThreshold, 0-100
   * @param status     the processor's status to report, e.g. RUNNING
   */
  public Optional<FaceSearchRecord> analyze(Mat bgr, FrameContext context, FaceCollection collection, float threshold,
                                            String status) {
    Analysis analysis = analyzer.analyzeDecoded(bgr, faces -> faces);
    if (analysis.embedded().isEmpty()) {
      return Optional.empty();
    }
    SimilarityScale scale = analyzer.embedder().scale();
    double minCosine = threshold <= 0 ? -1 : scale.cosineFor(threshold);
    List<FaceSearchResult> results = new ArrayList<>();
    for (EmbeddedFace face : analysis.embedded()) {
      List<MatchedFace> matches = new ArrayList<>();
      for (FaceMatch match : collection.search(face.embedding(), minCosine, DEFAULT_MAX_MATCHES, null)) {
        float similarity = scale.similarity(match.cosine());
        if (similarity >= threshold) {
          matches.add(new MatchedFace(similarity, faceDoc(match.face())));
        }
      }
      results.add(new FaceSearchResult(detectedDoc(face.face()), matches));
    }
    KinesisVideo video = new KinesisVideo(context.streamArn(), context.fragmentNumber(),
        context.serverTimestampMillis() / 1000.0, context.producerTimestampMillis() / 1000.0,
        context.frameOffsetSeconds());
    return Optional.of(new FaceSearchRecord(new InputInformation(video), new StreamProcessorInformation(status),
        results));
  }

  private static Box box(BoundingBox b) {
    return new Box(b.width(), b.height(), b.left(), b.top());
  }

  private static DetectedFaceDoc detectedDoc(DetectedFace face) {
    List<LandmarkDoc> landmarks = face.landmarks().stream()
        .map(l -> new LandmarkDoc(l.type().wireName(), l.x(), l.y())).toList();
    return new DetectedFaceDoc(box(face.boundingBox()), face.confidence(), landmarks,
        new PoseDoc(face.pose().pitch(), face.pose().roll(), face.pose().yaw()),
        new QualityDoc(face.quality().brightness(), face.quality().sharpness()));
  }

  private static FaceDoc faceDoc(FaceRecord face) {
    return new FaceDoc(box(face.boundingBox()), face.faceId().toString(), face.confidence(),
        face.imageId().toString(), face.externalImageId());
  }
}
