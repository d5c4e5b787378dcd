package dev.argus.samples.batchfacereport;

import dev.argus.parser.decode.DecodedFrame;
import dev.argus.parser.kvs.FragmentMetadata;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.FaceMatch;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;

/**
 * A batch job over stored video: ListFragments for a time range, GetMediaForFragmentList in
 * batches, our parser and FFmpeg decoder, then for a few frames per second DetectFaces and, for
 * each face, SearchFacesByImage on its crop. Writes who appeared when ({@link Report}).
 *
 * <pre>java -cp samples.jar dev.argus.samples.batchfacereport.BatchFaceReport \
 *     http://127.0.0.1:4566 front-door people 2026-11-25T09:00:00Z 2026-11-25T10:00:00Z report.csv</pre>
 *
 * Not thread-safe; one run at a time.
 */
public final class BatchFaceReport {

  /** Fragments per GetMediaForFragmentList call (the API allows 1,000). */
  public static final int DEFAULT_FRAGMENTS_PER_CALL = 50;
  public static final double DEFAULT_FRAMES_PER_SECOND = 2;
  public static final float DEFAULT_THRESHOLD = 80;
  /** Margin around a detected face when it is cropped for SearchFacesByImage, as a share of the box. */
  static final float CROP_MARGIN = 0.3f;

  private final KinesisVideoArchivedMediaClient archived;
  private final RekognitionClient rekognition;
  private final String collectionId;
  private final long frameIntervalMillis;
  private final float threshold;

  public BatchFaceReport(KinesisVideoArchivedMediaClient archived, RekognitionClient rekognition, String collectionId,
                         double framesPerSecond, float threshold) {
    if (!(framesPerSecond > 0)) {
      throw new IllegalArgumentException("framesPerSecond must be positive");
    }
    this.archived = archived;
    this.rekognition = rekognition;
    this.collectionId = collectionId;
    this.frameIntervalMillis = Math.round(1000 / framesPerSecond);
    this.threshold = threshold;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: BatchFaceReport ENDPOINT STREAM COLLECTION FROM TO OUT.csv|OUT.json");
      System.exit(2);
    }
    URI endpoint = URI.create(args[0]);
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "any"));
    try (KinesisVideoArchivedMediaClient archived = KinesisVideoArchivedMediaClient.builder().endpointOverride(endpoint)
            .region(Region.US_EAST_1).credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder())
            .build();
         RekognitionClient rekognition = RekognitionClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build()) {
      Report report = new BatchFaceReport(archived, rekognition, args[2], DEFAULT_FRAMES_PER_SECOND, DEFAULT_THRESHOLD)
          .run(args[1], Instant.parse(args[3]), Instant.parse(args[4]));
      report.write(Path.of(args[5]));
      for (Report.Person p : report.people()) {
        System.out.printf("%-20s first %7.1f s  last %7.1f s  frames %4d  best %.1f%n", p.name(),
            p.firstSeenSeconds(), p.lastSeenSeconds(), p.frames(), p.bestSimilarity());
      }
    }
  }

  /** Analyses the fragments whose producer timestamps fall in {@code [from, to]}. */
  public Report run(String stream, Instant from, Instant to) throws IOException {
    List<Fragment> fragments = new ArrayList<>(archived.listFragmentsPaginator(r -> r.streamName(stream)
        .fragmentSelector(s -> s.fragmentSelectorType(FragmentSelectorType.PRODUCER_TIMESTAMP)
            .timestampRange(t -> t.startTimestamp(from).endTimestamp(to)))).fragments().stream().toList());
    fragments.sort(Comparator.comparing(Fragment::producerTimestamp));
    List<Sighting> sightings = new ArrayList<>();
    if (fragments.isEmpty()) {
      return Report.of(sightings);
    }
    Instant origin = fragments.get(0).producerTimestamp();
    long[] nextMillis = {Long.MIN_VALUE};
    for (int i = 0; i < fragments.size(); i += DEFAULT_FRAGMENTS_PER_CALL) {
      List<String> numbers = fragments.subList(i, Math.min(fragments.size(), i + DEFAULT_FRAGMENTS_PER_CALL)).stream()
          .map(Fragment::fragmentNumber).toList();
      try (InputStream media = archived.getMediaForFragmentList(r -> r.streamName(stream).fragments(numbers),
          ResponseTransformer.toInputStream())) {
        FragmentFrames.decode(media, (frame, fragment, offset) -> {
          long at = fragment.producerTimestamp().orElse(origin).toEpochMilli() + Math.round(offset * 1000);
          if (at >= nextMillis[0]) {
            nextMillis[0] = at + frameIntervalMillis;
            sightings.addAll(analyse(frame, fragment, (at - origin.toEpochMilli()) / 1000.0));
          }
        });
      }
    }
    return Report.of(sightings);
  }

  private List<Sighting> analyse(DecodedFrame frame, FragmentMetadata fragment, double seconds) throws IOException {
    BufferedImage image = frame.toBufferedImage();
    List<FaceDetail> faces = rekognition.detectFaces(r -> r.image(image(jpeg(image)))).faceDetails();
    List<Sighting> found = new ArrayList<>();
    String number = fragment.fragmentNumber().orElse("");
    for (FaceDetail face : faces) {
      BoundingBox box = face.boundingBox();
      FaceMatch best = search(jpeg(crop(image, box)));
      found.add(new Sighting(seconds, number, best == null ? Sighting.UNKNOWN : best.face().externalImageId(),
          best == null ? 0 : best.similarity(), box.left(), box.top(), box.width(), box.height()));
    }
    return found;
  }

  private FaceMatch search(byte[] faceJpeg) {
    try {
      List<FaceMatch> matches = rekognition.searchFacesByImage(r -> r.collectionId(collectionId).image(image(faceJpeg))
          .faceMatchThreshold(threshold).maxFaces(1)).faceMatches();
      return matches.isEmpty() ? null : matches.get(0);
    } catch (InvalidParameterException noFaceInCrop) {
      return null;
    }
  }

  /** The face's box grown by {@link #CROP_MARGIN} on each side, clipped to the image. */
  static BufferedImage crop(BufferedImage image, BoundingBox box) {
    float mw = box.width() * CROP_MARGIN;
    float mh = box.height() * CROP_MARGIN;
    int x0 = clamp(Math.round((box.left() - mw) * image.getWidth()), image.getWidth() - 1);
    int y0 = clamp(Math.round((box.top() - mh) * image.getHeight()), image.getHeight() - 1);
    int x1 = clamp(Math.round((box.left() + box.width() + mw) * image.getWidth()), image.getWidth());
    int y1 = clamp(Math.round((box.top() + box.height() + mh) * image.getHeight()), image.getHeight());
    return image.getSubimage(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  private static Image image(byte[] jpeg) {
    return Image.builder().bytes(SdkBytes.fromByteArray(jpeg)).build();
  }

  /** JPEG bytes of an image (quality: ImageIO's default). */
  public static byte[] jpeg(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "jpg", out)) {
        throw new IllegalStateException("no JPEG writer in this JVM");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Picture {@code index} (0-based, decode order) of an MKV file, as JPEG: to enrol a face from video. */
  public static byte[] frameOfFile(Path mkv, int index) throws IOException {
    byte[][] found = {null};
    long[] seen = {0};
    try (InputStream in = Files.newInputStream(mkv)) {
      FragmentFrames.decode(in, (frame, fragment, offset) -> {
        if (seen[0]++ == index) {
          found[0] = jpeg(frame.toBufferedImage());
        }
      });
    }
    if (found[0] == null) {
      throw new IOException(mkv + " has only " + seen[0] + " pictures");
    }
    return found[0];
  }
}
