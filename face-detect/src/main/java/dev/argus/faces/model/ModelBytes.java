package dev.argus.faces.model;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Loads model bytes and checks them against accepted SHA-256 digests (lower-case hex).
 * Stateless.
 */
public final class ModelBytes {

  /** The shipped YuNet model, a classpath resource under dev/argus/faces/detect, with its licences. */
  public static final String YUNET_RESOURCE = "face_detection_yunet_2023mar.onnx";
  private static final String YUNET_RESOURCE_PATH = "/dev/argus/faces/detect/" + YUNET_RESOURCE;
  /** SHA-256 of {@link #YUNET_RESOURCE}, as listed in the model's provenance notes. */
  public static final String YUNET_SHA256 = "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4";
  /** No model we ship or accept is larger (SFace fp32 is 38.7 MB). */
  public static final int DEFAULT_MAX_MODEL_BYTES = 64 << 20;

  private ModelBytes() {
  }

  /** The shipped YuNet model, verified. */
  public static byte[] yunet() {
    try (InputStream in = ModelBytes.class.getResourceAsStream(YUNET_RESOURCE_PATH)) {
      if (in == null) {
        throw new ModelIntegrityException("the YuNet model resource is missing: " + YUNET_RESOURCE);
      }
      return verify(YUNET_RESOURCE, in.readNBytes(DEFAULT_MAX_MODEL_BYTES + 1), Set.of(YUNET_SHA256));
    } catch (IOException e) {
      throw new ModelIntegrityException("cannot read the YuNet model resource", e);
    }
  }

  /**
   * Returns {@code bytes} when their SHA-256 is one of {@code accepted}.
   *
   * @throws ModelIntegrityException otherwise, or when they exceed {@link #DEFAULT_MAX_MODEL_BYTES}
   */
  public static byte[] verify(String name, byte[] bytes, Set<String> accepted) {
    if (bytes.length > DEFAULT_MAX_MODEL_BYTES) {
      throw new ModelIntegrityException(name + " is larger than " + DEFAULT_MAX_MODEL_BYTES + " bytes");
    }
    String digest = sha256(bytes);
    if (!accepted.contains(digest)) {
      throw new ModelIntegrityException(name + " has SHA-256 " + digest + ", which is not a verified model "
          + "(accepted: " + String.join(", ", accepted) + ")");
    }
    return bytes;
  }

  /** Lower-case hex SHA-256. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
