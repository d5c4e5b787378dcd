package dev.argus.faces.processor;

/** A stream processor's name is taken, or its state forbids the request (ResourceInUseException). */
public final class ProcessorInUseException extends RuntimeException {
  public ProcessorInUseException(String message) {
    super(message);
  }
}
