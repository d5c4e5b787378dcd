package dev.argus.faces.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoseEstimatorTest {

  /** A level, frontal face: eyes 40 px apart, nose at the level ratio, mouth below. */
  private static List<Point> frontal() {
    double noseY = PoseEstimator.LEVEL_NOSE_RATIO * 50;
    return List.of(new Point(80, 100), new Point(120, 100), new Point(100, (float) (100 + noseY)),
        new Point(85, 150), new Point(115, 150));
  }

  private static List<Point> rotated(List<Point> points, double degrees) {
    double rad = Math.toRadians(degrees);
    List<Point> out = new ArrayList<>();
    for (Point p : points) {
      double x = p.x() - 100;
      double y = p.y() - 100;
      out.add(new Point((float) (100 + x * Math.cos(rad) - y * Math.sin(rad)),
          (float) (100 + x * Math.sin(rad) + y * Math.cos(rad))));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(doubles = {-60, -20, 0, 5, 33, 80})
  void rollIsTheEyeLineAngleAndDoesNotLeakIntoYawOrPitch(double degrees) {
    Pose pose = PoseEstimator.estimate(rotated(frontal(), degrees));
    assertThat(pose.roll()).isCloseTo((float) degrees, within(0.01f));
    assertThat(pose.yaw()).isCloseTo(0f, within(0.01f));
    assertThat(pose.pitch()).isCloseTo(0f, within(0.01f));
  }

  @ParameterizedTest
  @ValueSource(floats = {-15, -5, 5, 15})
  void noseOffCentreGivesYawOfItsSign(float shift) {
    List<Point> points = new ArrayList<>(frontal());
    Point nose = points.get(2);
    points.set(2, new Point(nose.x() + shift, nose.y()));
    Pose pose = PoseEstimator.estimate(points);
    assertThat(Math.signum(pose.yaw())).isEqualTo(Math.signum(shift));
    assertThat(Math.abs(pose.yaw())).isGreaterThan(Math.abs(shift));
  }

  @ParameterizedTest
  @ValueSource(floats = {-8, 8})
  void noseNearerTheEyesIsFaceUp(float shift) {
    List<Point> points = new ArrayList<>(frontal());
    Point nose = points.get(2);
    points.set(2, new Point(nose.x(), nose.y() + shift));
    Pose pose = PoseEstimator.estimate(points);
    assertThat(Math.signum(pose.pitch())).isEqualTo(-Math.signum(shift));
  }
}
