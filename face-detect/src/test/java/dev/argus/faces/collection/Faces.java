package dev.argus.faces.collection;

import dev.argus.faces.detect.BoundingBox;
import java.util.Random;
import java.util.UUID;

/** Seeded random faces for collection tests. */
final class Faces {

  private Faces() {
  }

  static float[] unit(Random random, int dimension) {
    float[] v = new float[dimension];
    double norm = 0;
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < dimension; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  static FaceRecord face(Random random, int dimension) {
    String external = random.nextBoolean() ? null : "img-" + random.nextInt(1000);
    return new FaceRecord(new UUID(random.nextLong(), random.nextLong()), new UUID(random.nextLong(), random.nextLong()),
        external, new BoundingBox(0.1f + random.nextFloat() / 2, 0.2f, random.nextFloat() / 2, 0.1f),
        80 + random.nextFloat() * 20, unit(random, dimension));
  }
}
