package dev.argus.app.bench;

import java.lang.management.ManagementFactory;

/**
 * Wall time and this JVM's CPU time since a phase started. On a small machine where the bench and
 * the server share the cores, the bench's own CPU use tells whether a figure measured the server
 * or the client: a client using most of a core per producer is the bound, not the server.
 */
final class PhaseClock {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final long startNanos = System.nanoTime();
  private final long startCpuNanos = OS.getProcessCpuTime();

  /** Wall-clock seconds since the start. */
  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** CPU seconds this whole JVM (every thread) used since the start. */
  double cpuSeconds() {
    return (OS.getProcessCpuTime() - startCpuNanos) / 1e9;
  }
}
