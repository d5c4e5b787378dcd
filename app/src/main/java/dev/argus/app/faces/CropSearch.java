package dev.argus.app.faces;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import dev.argus.faces.batch.PersonMatch;
import dev.argus.faces.detect.BoundingBox;
import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.detect.FaceDetector;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;

/**
 * Searches a collection for every face in a frame, over the Rekognition API: the faces are
 * detected here (YuNet, as the server would), and each is cut out with a margin of
 * {@link #MARGIN} of its size on every side, encoded as JPEG and sent with SearchFacesByImage,
 * which searches with the largest face of the image it gets: the cut-out one. This is how an AWS
 * application finds every face of an image, as SearchFacesByImage alone only looks at the
 * largest; it needs no access to the collection's embeddings, so it works against any server.
 *
 * <p>A cut-out in which the server finds no face (InvalidParameterException) counts as a face
 * with no match.
 *
 * <p>Thread-safe when the detector is (ours is).
 */
final class CropSearch {

  /** Context kept around a face box, as a fraction of the box's size on each side. */
  static final float MARGIN = 0.5f;
  static final String JPEG = ".jpg";

  private final FaceDetector detector;
  private final RekognitionClient rekognition;
  private final String collection;
  private final float threshold;
  private final int maxMatches;

  CropSearch(FaceDetector detector, RekognitionClient rekognition, String collection, float threshold,
             int maxMatches) {
    this.detector = detector;
    this.rekognition = rekognition;
    this.collection = collection;
    this.threshold = threshold;
    this.maxMatches = maxMatches;
  }

  /** One list per detected face (maybe empty): its matches at or above the threshold. */
  List<List<PersonMatch>> search(Mat bgr) {
    List<List<PersonMatch>> faces = new ArrayList<>();
    for (DetectedFace face : detector.detect(bgr)) {
      faces.add(search(bgr, face.boundingBox()));
    }
    return faces;
  }

  private List<PersonMatch> search(Mat bgr, BoundingBox box) {
    byte[] jpeg = cutOut(bgr, box);
    SearchFacesByImageResponse response;
    try {
      response = rekognition.searchFacesByImage(r -> r.collectionId(collection).faceMatchThreshold(threshold)
          .maxFaces(maxMatches).image(i -> i.bytes(SdkBytes.fromByteArrayUnsafe(jpeg))));
    } catch (InvalidParameterException noFaceInTheCutOut) {
      return List.of();
    }
    return response.faceMatches().stream().map(m -> new PersonMatch(m.face().faceId(), m.face().externalImageId(),
        Math.min(100f, Math.max(0f, m.similarity())))).toList();
  }

  /** The box grown by {@link #MARGIN} on each side, clipped to the frame, as JPEG. */
  static byte[] cutOut(Mat bgr, BoundingBox box) {
    int w = bgr.cols();
    int h = bgr.rows();
    int x0 = clamp(Math.round((box.left() - MARGIN * box.width()) * w), 0, w - 1);
    int y0 = clamp(Math.round((box.top() - MARGIN * box.height()) * h), 0, h - 1);
    int x1 = clamp(Math.round((box.left() + (1 + MARGIN) * box.width()) * w), x0 + 1, w);
    int y1 = clamp(Math.round((box.top() + (1 + MARGIN) * box.height()) * h), y0 + 1, h);
    try (Rect rect = new Rect(x0, y0, x1 - x0, y1 - y0); Mat crop = new Mat(bgr, rect);
         BytePointer out = new BytePointer()) {
      if (!imencode(JPEG, crop, out)) {
        throw new IllegalStateException("OpenCV could not encode a JPEG");
      }
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
