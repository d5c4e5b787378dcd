package dev.argus.faces.embed;

/**
 * Uniform local binary patterns over a grid (pure; takes grey levels, returns a vector).
 *
 * <p>Each interior pixel gets an 8-bit code: bit {@code i} is set when its {@code i}-th neighbour
 * (radius 1, clockwise from the top-left) is at least as bright as the centre. Codes with at most
 * two 0/1 transitions around the circle ("uniform", 58 of them) keep their own bin; all others
 * share one, so each cell has a {@value #BINS}-bin histogram. The crop is cut into
 * {@code grid × grid} cells; each cell's histogram is normalised to sum 1 and square-rooted
 * (Hellinger), so cosine on the result compares histograms by their Bhattacharyya coefficient.
 * The whole vector is then centred (its mean subtracted) and scaled to unit length, which turns
 * that cosine into a correlation and spreads unrelated faces out towards 0.
 */
final class LbpDescriptor {

  static final int BINS = 59;
  /** Maps each 8-bit code to its bin: 0..57 for uniform codes, 58 for the rest. */
  private static final byte[] BIN_OF = uniformTable();

  private LbpDescriptor() {
  }

  /** Vector length for a grid. */
  static int length(int grid) {
    return grid * grid * BINS;
  }

  /**
   * @param gray  row-major grey levels of a {@code size × size} crop
   * @param size  crop side, at least {@code 3 * grid}
   * @param grid  cells per side
   */
  static float[] describe(byte[] gray, int size, int grid) {
    if (gray.length != size * size || size < 3 * grid) {
      throw new IllegalArgumentException("crop must be " + size + "² pixels and at least 3 per cell");
    }
    float[] out = new float[length(grid)];
    int[] counts = new int[out.length];
    for (int y = 1; y < size - 1; y++) {
      int cellRow = Math.min(grid - 1, y * grid / size);
      for (int x = 1; x < size - 1; x++) {
        int cell = cellRow * grid + Math.min(grid - 1, x * grid / size);
        counts[cell * BINS + BIN_OF[code(gray, size, x, y)]]++;
      }
    }
    for (int cell = 0; cell < grid * grid; cell++) {
      int total = 0;
      for (int b = 0; b < BINS; b++) {
        total += counts[cell * BINS + b];
      }
      for (int b = 0; b < BINS; b++) {
        out[cell * BINS + b] = total == 0 ? 0f : (float) Math.sqrt(counts[cell * BINS + b] / (double) total);
      }
    }
    return Vectors.centreAndNormalise(out);
  }

  private static int code(byte[] g, int size, int x, int y) {
    int c = g[y * size + x] & 0xff;
    int up = (y - 1) * size;
    int mid = y * size;
    int down = (y + 1) * size;
    int code = 0;
    code |= ((g[up + x - 1] & 0xff) >= c ? 1 : 0);
    code |= ((g[up + x] & 0xff) >= c ? 1 : 0) << 1;
    code |= ((g[up + x + 1] & 0xff) >= c ? 1 : 0) << 2;
    code |= ((g[mid + x + 1] & 0xff) >= c ? 1 : 0) << 3;
    code |= ((g[down + x + 1] & 0xff) >= c ? 1 : 0) << 4;
    code |= ((g[down + x] & 0xff) >= c ? 1 : 0) << 5;
    code |= ((g[down + x - 1] & 0xff) >= c ? 1 : 0) << 6;
    code |= ((g[mid + x - 1] & 0xff) >= c ? 1 : 0) << 7;
    return code;
  }

  /** Bit transitions around the 8-bit circle. */
  static int transitions(int code) {
    int rotated = ((code >> 1) | ((code & 1) << 7)) & 0xff;
    return Integer.bitCount(code ^ rotated);
  }

  private static byte[] uniformTable() {
    byte[] table = new byte[256];
    int next = 0;
    for (int code = 0; code < 256; code++) {
      table[code] = (byte) (transitions(code) <= 2 ? next++ : BINS - 1);
    }
    if (next != BINS - 1) {
      throw new IllegalStateException("expected 58 uniform codes, found " + next);
    }
    return table;
  }
}
