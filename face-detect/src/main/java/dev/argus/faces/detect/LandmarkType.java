package dev.argus.faces.detect;

/**
 * The five landmarks a detector gives, in this order, with Rekognition's names.
 *
 * <p>Left and right are the image's: {@link #EYE_LEFT} is the eye nearer the image's left edge
 * (the person's right eye on a frontal face), as in Rekognition's responses, where
 * {@code eyeLeft.X < eyeRight.X} for an upright face looking at the camera.
 */
public enum LandmarkType {
  EYE_LEFT("eyeLeft"),
  EYE_RIGHT("eyeRight"),
  NOSE("nose"),
  MOUTH_LEFT("mouthLeft"),
  MOUTH_RIGHT("mouthRight");

  private final String wireName;

  LandmarkType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, e.g. {@code eyeLeft}. */
  public String wireName() {
    return wireName;
  }
}
