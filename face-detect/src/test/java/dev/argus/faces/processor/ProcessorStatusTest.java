package dev.argus.faces.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ProcessorStatusTest {

  @Test
  void startFromStoppedOrFailedStopFromStartingOrRunning() {
    EnumSet<ProcessorStatus> startable = EnumSet.noneOf(ProcessorStatus.class);
    EnumSet<ProcessorStatus> stoppable = EnumSet.noneOf(ProcessorStatus.class);
    EnumSet<ProcessorStatus> active = EnumSet.noneOf(ProcessorStatus.class);
    for (ProcessorStatus s : ProcessorStatus.values()) {
      if (s.canStart()) {
        startable.add(s);
      }
      if (s.canStop()) {
        stoppable.add(s);
      }
      if (s.active()) {
        active.add(s);
      }
    }
    assertThat(startable).containsExactlyInAnyOrder(ProcessorStatus.STOPPED, ProcessorStatus.FAILED);
    assertThat(stoppable).containsExactlyInAnyOrder(ProcessorStatus.STARTING, ProcessorStatus.RUNNING);
    assertThat(active).isEqualTo(stoppable);
  }
}
