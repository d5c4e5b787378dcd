package dev.argus.samples.faceeventsubscriber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Flattens one Rekognition Video face-search record (the JSON a stream processor puts into its
 * data stream) into one JSON line per detected face (pure):
 *
 * <pre>{"fragmentNumber":"...","producerTimestamp":1764111600.123,"frameOffsetInSeconds":0.4,
 *  "box":{"Width":..,"Height":..,"Left":..,"Top":..},"confidence":99.1,
 *  "person":"alice","faceId":"...","similarity":93.2}</pre>
 *
 * {@code person}, {@code faceId} and {@code similarity} are those of the best match, and absent
 * when the face matched nobody. Thread-safe.
 */
public final class FaceEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FaceEvents() {
  }

  /** The JSON lines for one record's data; a record that is not face-search JSON is an {@link IOException}. */
  public static List<String> toLines(byte[] recordData) throws IOException {
    JsonNode root = JSON.readTree(recordData);
    JsonNode video = root.path("InputInformation").path("KinesisVideo");
    JsonNode faces = root.path("FaceSearchResponse");
    if (!video.isObject() || !faces.isArray()) {
      throw new IOException("not a Rekognition face-search record");
    }
    List<String> lines = new ArrayList<>();
    for (JsonNode face : faces) {
      ObjectNode line = JSON.createObjectNode();
      line.put("fragmentNumber", video.path("FragmentNumber").asText());
      line.put("producerTimestamp", video.path("ProducerTimestamp").asDouble());
      line.put("frameOffsetInSeconds", video.path("FrameOffsetInSeconds").asDouble());
      line.set("box", face.path("DetectedFace").path("BoundingBox"));
      line.put("confidence", face.path("DetectedFace").path("Confidence").asDouble());
      JsonNode best = null;
      for (JsonNode match : face.path("MatchedFaces")) {
        if (best == null || match.path("Similarity").asDouble() > best.path("Similarity").asDouble()) {
          best = match;
        }
      }
      if (best != null) {
        line.put("person", best.path("Face").path("ExternalImageId").asText(null));
        line.put("faceId", best.path("Face").path("FaceId").asText());
        line.put("similarity", best.path("Similarity").asDouble());
      }
      lines.add(JSON.writeValueAsString(line));
    }
    return lines;
  }
}
