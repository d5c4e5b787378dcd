package dev.argus.datastream.engine;

/** The resource exists already, or is not in a state that allows the operation (not ACTIVE; consumers still registered). */
public final class ResourceInUseException extends StreamsException {

  private static final long serialVersionUID = 1L;

  public ResourceInUseException(String message) {
    super(message);
  }
}
