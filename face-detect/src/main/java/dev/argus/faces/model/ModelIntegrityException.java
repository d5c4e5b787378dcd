package dev.argus.faces.model;

/**
 * A model file is missing, or its bytes are not the verified ones (its SHA-256 differs from every
 * accepted digest). Argus never runs a model it cannot verify.
 */
public final class ModelIntegrityException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ModelIntegrityException(String message) {
    super(message);
  }

  public ModelIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
