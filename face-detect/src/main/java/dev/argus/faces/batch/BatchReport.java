package dev.argus.faces.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of a batch analysis, as text for a terminal and as JSON for a file (pure).
 *
 * <p>JSON format (times ISO-8601 UTC; offsets are seconds from {@code From}):
 * <pre>{@code
 * {"StreamName": "...", "CollectionId": "...", "From": "...", "To": "...", "FaceMatchThreshold": 80.0,
 *  "FramesPerSecond": 5.0, "Fragments": 3, "FramesAnalysed": 70, "FacesDetected": 90, "FacesMatched": 40,
 *  "FirstFrame": "..." | null, "LastFrame": "..." | null,
 *  "Persons": [{"Person": "person-a", "FaceIds": ["..."], "FirstSeen": "...", "LastSeen": "...",
 *               "FirstSeenOffsetSeconds": 0.0, "LastSeenOffsetSeconds": 10.8, "Frames": 40,
 *               "BestSimilarity": 99.5}]}
 * }</pre>
 *
 * @param fragments fragments read
 */
public record BatchReport(String stream, String collection, TimeWindow window, float threshold,
                          double framesPerSecond, long fragments, long framesAnalysed, long facesDetected,
                          long facesMatched, Instant firstFrame, Instant lastFrame, List<PersonSummary> persons) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public BatchReport {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(window, "window");
    persons = List.copyOf(persons);
  }

  /** The report of {@code sightings} over {@code fragments} fragments. */
  public static BatchReport of(String stream, String collection, TimeWindow window, float threshold,
                               double framesPerSecond, long fragments, Sightings sightings) {
    return new BatchReport(stream, collection, window, threshold, framesPerSecond, fragments, sightings.frames(),
        sightings.faces(), sightings.facesMatched(), sightings.firstFrame(), sightings.lastFrame(),
        sightings.people());
  }

  /** Seconds from the window's start to {@code t}, to the millisecond. */
  public double offsetSeconds(Instant t) {
    return Duration.between(window.from(), t).toMillis() / 1000.0;
  }

  /** The summary as lines for stdout. */
  public String toText() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "stream %s from %s to %s, collection %s, threshold %.1f, %.2f frames/s: %d fragments, %d frames analysed, "
            + "%d faces detected, %d matched, %d persons%n", stream, window.from(), window.to(), collection, threshold,
        framesPerSecond, fragments, framesAnalysed, facesDetected, facesMatched, persons.size()));
    for (PersonSummary p : persons) {
      text.append(String.format(Locale.ROOT,
          "  %s: first seen %s (+%.2f s), last seen %s (+%.2f s), %d frames, best similarity %.1f, faces %s%n",
          p.person(), p.firstSeen(), offsetSeconds(p.firstSeen()), p.lastSeen(), offsetSeconds(p.lastSeen()),
          p.frames(), p.bestSimilarity(), String.join(",", p.faceIds())));
    }
    return text.toString();
  }

  /** The report as JSON (UTF-8 text, indented). */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode().put("StreamName", stream).put("CollectionId", collection)
        .put("From", window.from().toString()).put("To", window.to().toString()).put("FaceMatchThreshold", threshold)
        .put("FramesPerSecond", framesPerSecond).put("Fragments", fragments).put("FramesAnalysed", framesAnalysed)
        .put("FacesDetected", facesDetected).put("FacesMatched", facesMatched)
        .put("FirstFrame", firstFrame == null ? null : firstFrame.toString())
        .put("LastFrame", lastFrame == null ? null : lastFrame.toString());
    ArrayNode list = root.putArray("Persons");
    for (PersonSummary p : persons) {
      ObjectNode node = list.addObject().put("Person", p.person());
      p.faceIds().forEach(node.putArray("FaceIds")::add);
      node.put("FirstSeen", p.firstSeen().toString()).put("LastSeen", p.lastSeen().toString())
          .put("FirstSeenOffsetSeconds", offsetSeconds(p.firstSeen()))
          .put("LastSeenOffsetSeconds", offsetSeconds(p.lastSeen())).put("Frames", p.frames())
          .put("BestSimilarity", p.bestSimilarity());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always encodes", e);
    }
  }
}
