package dev.argus.faces.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.faces.embed.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model oracle: every operation against a plain map searched by sorting. */
class FaceMatrixTest {

  private static final int DIM = 7;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void behavesLikeAMapSearchedBySorting(long seed) {
    Random random = new Random(seed);
    FaceMatrix matrix = new FaceMatrix(DIM);
    Map<UUID, FaceRecord> model = new LinkedHashMap<>();
    for (int step = 0; step < 600; step++) {
      int op = random.nextInt(10);
      if (op < 5 || model.isEmpty()) {
        FaceRecord face = Faces.face(random, DIM);
        matrix.add(face);
        model.put(face.faceId(), face);
      } else if (op < 7) {
        UUID victim = random.nextInt(4) == 0 ? UUID.randomUUID()
            : new ArrayList<>(model.keySet()).get(random.nextInt(model.size()));
        assertThat(matrix.remove(victim)).isEqualTo(model.remove(victim) != null);
      } else {
        float[] query = Faces.unit(random, DIM);
        double min = random.nextDouble() * 1.2 - 0.6;
        int max = 1 + random.nextInt(6);
        UUID exclude = model.isEmpty() || random.nextBoolean() ? null
            : new ArrayList<>(model.keySet()).get(random.nextInt(model.size()));
        List<FaceRecord> expected = model.values().stream()
            .filter(f -> !f.faceId().equals(exclude) && Vectors.dot(query, f.embedding()) >= min)
            .sorted(Comparator.comparingDouble((FaceRecord f) -> -Vectors.dot(query, f.embedding())))
            .limit(max).toList();
        List<FaceMatch> actual = matrix.search(query, min, max, exclude);
        assertThat(actual).extracting(FaceMatch::face).containsExactlyElementsOf(expected);
        for (FaceMatch match : actual) {
          assertThat(match.cosine()).isCloseTo(Vectors.dot(query, match.face().embedding()),
              org.assertj.core.data.Offset.offset(1e-5));
        }
      }
      assertThat(matrix.size()).isEqualTo(model.size());
    }
    for (FaceRecord face : model.values()) {
      assertThat(matrix.get(face.faceId())).isSameAs(face);
    }
  }
}
