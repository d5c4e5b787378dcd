package dev.argus.faces.analysis;

/** Every analysis worker is busy and the queue is full; the caller should retry later. */
public final class AnalyzerBusyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AnalyzerBusyException(String message) {
    super(message);
  }
}
