package dev.argus.awshttp.api;

import java.util.Objects;

/**
 * A failure that reaches the client as an AWS error: the HTTP status, an
 * {@code x-amzn-ErrorType} header and a body {@code {"__type": NAME, "message": ...}}.
 *
 * <p>Modules keep their own typed exceptions in their pure cores and map them to this at their
 * HTTP edge, each API through one table.
 */
public class AwsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorType type;

  public AwsException(ErrorType type, String message) {
    super(message);
    this.type = Objects.requireNonNull(type, "type");
  }

  public AwsException(ErrorType type, String message, Throwable cause) {
    super(message, cause);
    this.type = Objects.requireNonNull(type, "type");
  }

  public ErrorType type() {
    return type;
  }
}
