package dev.argus.faces.embed;

/** Small vector helpers on float arrays (pure). */
public final class Vectors {

  private Vectors() {
  }

  public static double dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** Scales {@code v} in place to unit length; returns it. A zero vector stays zero. */
  public static float[] normalise(float[] v) {
    double norm = Math.sqrt(dot(v, v));
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] / norm);
      }
    }
    return v;
  }

  /** Subtracts the mean of {@code v} from each element, then {@link #normalise}s; in place. */
  static float[] centreAndNormalise(float[] v) {
    double mean = 0;
    for (float x : v) {
      mean += x;
    }
    mean /= v.length;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] - mean);
    }
    return normalise(v);
  }
}
