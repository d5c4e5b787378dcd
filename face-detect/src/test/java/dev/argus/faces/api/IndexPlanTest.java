package dev.argus.faces.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.faces.analysis.QualityFilter;
import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.detect.Point;
import dev.argus.faces.detect.Pose;
import dev.argus.faces.detect.Quality;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexPlanTest {

  static DetectedFace face(float side, float confidence, float yaw) {
    List<Point> points = List.of(new Point(10, 10), new Point(20, 10), new Point(15, 15), new Point(11, 20),
        new Point(19, 20));
    return new DetectedFace(640, 480, 5, 5, side, side, points, confidence, new Pose(0, yaw, 0),
        new Quality(50, 50));
  }

  @Test
  void indexesTheLargestPassingFacesAndExplainsTheRest() {
    DetectedFace big = face(120, 95, 0);
    DetectedFace medium = face(80, 95, 0);
    DetectedFace small = face(30, 95, 0);
    DetectedFace turned = face(150, 95, 80);
    IndexPlan plan = IndexPlan.of(List.of(small, turned, medium, big), QualityFilter.AUTO, 1);
    assertThat(plan.indexed()).containsExactly(big);
    assertThat(plan.unindexed()).extracting(IndexPlan.Unindexed::face).containsExactlyInAnyOrder(small, turned, medium);
    assertThat(plan.unindexed()).filteredOn(u -> u.face() == small).singleElement()
        .satisfies(u -> assertThat(u.reasons()).containsExactly(QualityFilter.SMALL_BOUNDING_BOX));
    assertThat(plan.unindexed()).filteredOn(u -> u.face() == turned).singleElement()
        .satisfies(u -> assertThat(u.reasons()).containsExactly(QualityFilter.EXTREME_POSE));
    assertThat(plan.unindexed()).filteredOn(u -> u.face() == medium).singleElement()
        .satisfies(u -> assertThat(u.reasons()).containsExactly(QualityFilter.EXCEEDS_MAX_FACES));
  }

  @Test
  void filterNoneKeepsEveryFace() {
    IndexPlan plan = IndexPlan.of(List.of(face(10, 81, 89), face(200, 99, 0)), QualityFilter.NONE, 100);
    assertThat(plan.indexed()).hasSize(2);
    assertThat(plan.unindexed()).isEmpty();
    assertThat(plan.indexed().get(0).width()).isEqualTo(200);
  }
}
