package dev.argus.producer.control;

/** A Kinesis Video control-plane call failed; {@link #errorType()} is the AWS error type, if any. */
public final class ControlPlaneException extends Exception {

  private final String errorType;
  private final int status;

  public ControlPlaneException(String errorType, int status, String message) {
    super(message);
    this.errorType = errorType;
    this.status = status;
  }

  public ControlPlaneException(String message, Throwable cause) {
    super(message, cause);
    this.errorType = "";
    this.status = -1;
  }

  /** e.g. {@code ResourceNotFoundException}; empty for transport failures. */
  public String errorType() {
    return errorType;
  }

  /** The HTTP status, or -1 when there was no response. */
  public int status() {
    return status;
  }
}
