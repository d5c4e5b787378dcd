package dev.argus.faces.processor;

/**
 * A stream processor's Status, and which requests each allows (pure).
 *
 * <pre>
 * STOPPED  --Start--> STARTING --tail opened--> RUNNING --Stop--> STOPPING --worker ended--> STOPPED
 * STARTING/RUNNING --failure--> FAILED --Start--> STARTING
 * </pre>
 * Start is allowed from STOPPED and FAILED; Stop from STARTING and RUNNING; Delete from any
 * status but STOPPING (a running processor is stopped first).
 */
public enum ProcessorStatus {
  STOPPED, STARTING, RUNNING, FAILED, STOPPING;

  public boolean canStart() {
    return this == STOPPED || this == FAILED;
  }

  public boolean canStop() {
    return this == STARTING || this == RUNNING;
  }

  /** Whether a worker should be running (and be restarted after a server restart). */
  public boolean active() {
    return this == STARTING || this == RUNNING;
  }
}
