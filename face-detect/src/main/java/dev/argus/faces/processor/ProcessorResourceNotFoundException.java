package dev.argus.faces.processor;

/** A stream processor, its video stream, data stream or collection does not exist (ResourceNotFoundException). */
public final class ProcessorResourceNotFoundException extends RuntimeException {
  public ProcessorResourceNotFoundException(String message) {
    super(message);
  }
}
