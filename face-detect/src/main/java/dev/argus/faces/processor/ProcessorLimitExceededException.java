package dev.argus.faces.processor;

/** Too many stream processors (LimitExceededException). */
public final class ProcessorLimitExceededException extends RuntimeException {
  public ProcessorLimitExceededException(String message) {
    super(message);
  }
}
