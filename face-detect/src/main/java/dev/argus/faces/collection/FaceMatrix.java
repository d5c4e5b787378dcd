package dev.argus.faces.collection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * A collection's faces for brute-force search: every embedding in one contiguous
 * {@code float[]}, row {@code i} at {@code [i * dimension, (i + 1) * dimension)}, so a search is
 * one sequential pass of dot products.
 *
 * <p>Invariants: rows {@code 0..size-1} are live; {@code faces.get(i)} owns row {@code i};
 * {@code rowOf} maps each live face id to its row. Removal moves the last row into the hole, so
 * rows stay dense and row order is not insertion order. Capacity doubles when full.
 *
 * <p>Not thread-safe: {@link FaceCollection} guards it with a read-write lock.
 */
final class FaceMatrix {

  private final int dimension;
  private float[] data;
  private final List<FaceRecord> faces = new ArrayList<>();
  private final Map<UUID, Integer> rowOf = new HashMap<>();

  FaceMatrix(int dimension) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("dimension must be positive");
    }
    this.dimension = dimension;
    this.data = new float[dimension * 16];
  }

  int dimension() {
    return dimension;
  }

  int size() {
    return faces.size();
  }

  FaceRecord get(UUID faceId) {
    Integer row = rowOf.get(faceId);
    return row == null ? null : faces.get(row);
  }

  Collection<FaceRecord> faces() {
    return faces;
  }

  /** Adds a face; a face id already present is replaced. */
  void add(FaceRecord face) {
    if (face.embedding().length != dimension) {
      throw new IllegalArgumentException("embedding has " + face.embedding().length + " floats, not " + dimension);
    }
    remove(face.faceId());
    int row = faces.size();
    if ((long) (row + 1) * dimension > data.length) {
      long grown = Math.max((long) data.length * 2, (long) (row + 1) * dimension);
      if (grown > Integer.MAX_VALUE - 8) {
        throw new CollectionFullException("the collection's embeddings would exceed one array");
      }
      data = Arrays.copyOf(data, (int) grown);
    }
    System.arraycopy(face.embedding(), 0, data, row * dimension, dimension);
    faces.add(face);
    rowOf.put(face.faceId(), row);
  }

  /** Removes a face; returns whether it was there. */
  boolean remove(UUID faceId) {
    Integer row = rowOf.remove(faceId);
    if (row == null) {
      return false;
    }
    int last = faces.size() - 1;
    if (row != last) {
      System.arraycopy(data, last * dimension, data, row * dimension, dimension);
      FaceRecord moved = faces.get(last);
      faces.set(row, moved);
      rowOf.put(moved.faceId(), row);
    }
    faces.remove(last);
    return true;
  }

  /**
   * The {@code max} faces with the highest cosine to {@code query} that reach {@code minCosine},
   * best first, leaving out {@code exclude} (may be null).
   */
  List<FaceMatch> search(float[] query, double minCosine, int max, UUID exclude) {
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has " + query.length + " floats, not " + dimension);
    }
    PriorityQueue<FaceMatch> best = new PriorityQueue<>(Math.max(1, max),
        (a, b) -> Double.compare(a.cosine(), b.cosine()));
    int rows = faces.size();
    for (int row = 0; row < rows; row++) {
      double cosine = dot(query, row * dimension);
      if (cosine < minCosine || (best.size() == max && cosine <= best.peek().cosine())) {
        continue;
      }
      FaceRecord face = faces.get(row);
      if (face.faceId().equals(exclude)) {
        continue;
      }
      best.add(new FaceMatch(face, cosine));
      if (best.size() > max) {
        best.poll();
      }
    }
    List<FaceMatch> out = new ArrayList<>(best);
    out.sort((a, b) -> Double.compare(b.cosine(), a.cosine()));
    return out;
  }

  private double dot(float[] query, int at) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    int n = dimension - 3;
    for (; i < n; i += 4) {
      s0 += query[i] * data[at + i];
      s1 += query[i + 1] * data[at + i + 1];
      s2 += query[i + 2] * data[at + i + 2];
      s3 += query[i + 3] * data[at + i + 3];
    }
    for (; i < dimension; i++) {
      s0 += query[i] * data[at + i];
    }
    return (double) s0 + s1 + s2 + s3;
  }
}
