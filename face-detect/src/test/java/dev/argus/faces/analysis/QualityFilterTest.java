package dev.argus.faces.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.detect.Point;
import dev.argus.faces.detect.Pose;
import dev.argus.faces.detect.Quality;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityFilterTest {

  private static DetectedFace face(float side, float confidence, float pitch, float brightness, float sharpness) {
    List<Point> points = List.of(new Point(10, 10), new Point(20, 10), new Point(15, 15), new Point(11, 20),
        new Point(19, 20));
    return new DetectedFace(640, 480, 0, 0, side, side, points, confidence, new Pose(0, 0, pitch),
        new Quality(brightness, sharpness));
  }

  @Test
  void eachFloorGivesItsReason() {
    assertThat(QualityFilter.HIGH.reasons(face(100, 95, 0, 50, 50))).isEmpty();
    assertThat(QualityFilter.HIGH.reasons(face(50, 85, 50, 20, 20))).containsExactly(QualityFilter.EXTREME_POSE,
        QualityFilter.LOW_BRIGHTNESS, QualityFilter.LOW_SHARPNESS, QualityFilter.LOW_CONFIDENCE,
        QualityFilter.SMALL_BOUNDING_BOX);
    assertThat(QualityFilter.LOW.reasons(face(50, 85, 50, 20, 20))).isEmpty();
    assertThat(QualityFilter.NONE.reasons(face(2, 1, 179, 0, 0))).isEmpty();
  }

  @Test
  void levelsAreOrderedFromLenientToStrict() {
    DetectedFace borderline = face(45, 87, 50, 20, 20);
    assertThat(QualityFilter.LOW.reasons(borderline)).isEmpty();
    assertThat(QualityFilter.MEDIUM.reasons(borderline)).isEmpty();
    assertThat(QualityFilter.AUTO.reasons(borderline)).isEqualTo(QualityFilter.MEDIUM.reasons(borderline));
    assertThat(QualityFilter.HIGH.reasons(borderline)).isNotEmpty();
  }

  @Test
  void parsesOnlyRekognitionsNames() {
    assertThat(QualityFilter.parse(null, QualityFilter.AUTO)).isEqualTo(QualityFilter.AUTO);
    assertThat(QualityFilter.parse("HIGH", QualityFilter.AUTO)).isEqualTo(QualityFilter.HIGH);
    assertThatThrownBy(() -> QualityFilter.parse("high", QualityFilter.AUTO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QualityFilter.parse("BEST", QualityFilter.AUTO)).isInstanceOf(IllegalArgumentException.class);
  }
}
