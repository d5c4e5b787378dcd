package dev.argus.faces.embed;

/**
 * Maps the cosine of two unit embeddings to Rekognition's 0-100 similarity: linearly, with
 * {@code cosineAtZero} at 0 and {@code cosineAtHundred} at 100, clamped to [0, 100].
 * Rekognition's default match threshold is 80, so each embedder places its "same person"
 * cosine at 80 (see each embedder's javadoc for its figures).
 */
public record SimilarityScale(double cosineAtZero, double cosineAtHundred) {

  public SimilarityScale {
    if (!(cosineAtZero >= -1 && cosineAtHundred <= 1 && cosineAtZero < cosineAtHundred)) {
      throw new IllegalArgumentException("need -1 <= cosineAtZero < cosineAtHundred <= 1");
    }
  }

  public float similarity(double cosine) {
    double s = 100 * (cosine - cosineAtZero) / (cosineAtHundred - cosineAtZero);
    return (float) Math.max(0, Math.min(100, s));
  }

  /** The smallest cosine whose similarity is at least {@code similarity}. */
  public double cosineFor(double similarity) {
    return cosineAtZero + (cosineAtHundred - cosineAtZero) * similarity / 100;
  }
}
