package dev.argus.faces.api;

import dev.argus.faces.analysis.QualityFilter;
import dev.argus.faces.detect.DetectedFace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which detected faces IndexFaces indexes (pure): those that pass the quality filter, largest box
 * first, up to MaxFaces; the others are unindexed with their reasons, the surplus ones with
 * {@code EXCEEDS_MAX_FACES}, as Rekognition does.
 */
record IndexPlan(List<DetectedFace> indexed, List<Unindexed> unindexed) {

  record Unindexed(DetectedFace face, List<String> reasons) {
  }

  static IndexPlan of(List<DetectedFace> faces, QualityFilter filter, int maxFaces) {
    List<DetectedFace> passing = new ArrayList<>();
    List<Unindexed> unindexed = new ArrayList<>();
    for (DetectedFace face : faces) {
      List<String> reasons = filter.reasons(face);
      if (reasons.isEmpty()) {
        passing.add(face);
      } else {
        unindexed.add(new Unindexed(face, reasons));
      }
    }
    passing.sort(Comparator.comparingDouble(DetectedFace::pixelArea).reversed());
    List<DetectedFace> indexed = new ArrayList<>(passing.subList(0, Math.min(maxFaces, passing.size())));
    for (DetectedFace surplus : passing.subList(indexed.size(), passing.size())) {
      unindexed.add(new Unindexed(surplus, List.of(QualityFilter.EXCEEDS_MAX_FACES)));
    }
    return new IndexPlan(indexed, unindexed);
  }
}
