package dev.argus.faces.collection;

import java.util.Objects;

/** A face found by a search, with its cosine to the query (higher is closer). */
public record FaceMatch(FaceRecord face, double cosine) {

  public FaceMatch {
    Objects.requireNonNull(face, "face");
  }
}
