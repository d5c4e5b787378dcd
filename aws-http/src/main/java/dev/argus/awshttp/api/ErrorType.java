package dev.argus.awshttp.api;

import java.util.Objects;

/**
 * An AWS error type: the name clients match on (e.g. {@code ResourceNotFoundException}) and the
 * HTTP status it travels with.
 */
public record ErrorType(String name, int httpStatus) {

  /** No API owns the target or path. */
  public static final ErrorType UNKNOWN_OPERATION = new ErrorType("UnknownOperationException", 400);
  /** The body could not be decoded in the declared protocol. */
  public static final ErrorType SERIALIZATION = new ErrorType("SerializationException", 400);
  /** The body exceeds the server's limit for aggregated requests. */
  public static final ErrorType REQUEST_TOO_LARGE = new ErrorType("RequestEntityTooLargeException", 413);
  /** The worker pool is saturated; the client should retry. */
  public static final ErrorType SERVICE_UNAVAILABLE = new ErrorType("ServiceUnavailableException", 503);
  /** A bug or an unexpected I/O failure on our side. */
  public static final ErrorType INTERNAL_FAILURE = new ErrorType("InternalFailure", 500);

  public ErrorType {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("error type name is blank");
    }
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("error status must be 4xx or 5xx: " + httpStatus);
    }
  }

  public AwsException exception(String message) {
    return new AwsException(this, message);
  }
}
