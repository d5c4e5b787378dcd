package dev.argus.faces.analysis;

import dev.argus.faces.detect.DetectedFace;
import java.util.List;

/**
 * What an image gave: every detected face (highest confidence first) and the chosen ones with
 * their embeddings, in the order they were chosen.
 */
public record Analysis(int imageWidth, int imageHeight, List<DetectedFace> faces, List<EmbeddedFace> embedded) {

  public Analysis {
    faces = List.copyOf(faces);
    embedded = List.copyOf(embedded);
  }
}
