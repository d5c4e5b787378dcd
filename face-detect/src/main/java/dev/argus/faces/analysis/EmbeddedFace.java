package dev.argus.faces.analysis;

import dev.argus.faces.detect.DetectedFace;
import java.util.Objects;

/** A detected face with its embedding (unit length). */
public record EmbeddedFace(DetectedFace face, float[] embedding) {

  public EmbeddedFace {
    Objects.requireNonNull(face, "face");
    Objects.requireNonNull(embedding, "embedding");
  }
}
