package dev.argus.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReopenerTest {

  private final Object lock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<String> steps = new ArrayList<>();
  private final Reopener reopener = new Reopener(lock, closed::get, Duration.ofMillis(1), "camera");

  private Runnable closeOld() {
    return () -> {
      assertThat(Thread.holdsLock(lock)).isTrue();
      steps.add("close");
    };
  }

  /** An open step that fails {@code failures} times, then succeeds. */
  private Reopener.Step openAfter(int failures) {
    return () -> {
      assertThat(Thread.holdsLock(lock)).isTrue();
      steps.add("open");
      if (steps.stream().filter("open"::equals).count() <= failures) {
        throw new SourceException("connection refused");
      }
    };
  }

  @Test
  void closesOnceThenRetriesUntilAnOpenSucceeds() throws Exception {
    assertThat(reopener.reopen(closeOld(), openAfter(3))).isTrue();
    assertThat(steps).containsExactly("close", "open", "open", "open", "open");
  }

  @Test
  void opensAtTheFirstAttemptWhenTheSourceIsBack() throws Exception {
    assertThat(reopener.reopen(closeOld(), openAfter(0))).isTrue();
    assertThat(steps).containsExactly("close", "open");
  }

  @Test
  void stopsRetryingOnceTheSourceIsClosed() throws Exception {
    Reopener.Step open = () -> {
      steps.add("open");
      if (steps.size() == 3) {
        closed.set(true); // close() from another thread, between two attempts
      }
      throw new SourceException("connection refused");
    };
    assertThat(reopener.reopen(closeOld(), open)).isFalse();
    assertThat(steps).containsExactly("close", "open", "open");
  }

  @Test
  void aClosedSourceIsNotReopened() throws Exception {
    closed.set(true);
    assertThat(reopener.reopen(closeOld(), openAfter(0))).isFalse();
    assertThat(steps).containsExactly("close");
  }

  @Test
  void anInterruptedWaitFailsAndKeepsTheInterruptFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> reopener.reopen(closeOld(), openAfter(0))).isInstanceOf(SourceException.class)
          .hasMessage("camera: interrupted while reconnecting").hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(steps).containsExactly("close");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theWaitsDoNotHoldTheLock() throws Exception {
    Reopener slow = new Reopener(lock, closed::get, Duration.ofSeconds(30), "camera");
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      try {
        outcome.set(slow.reopen(() -> waiting.countDown(), openAfter(0)));
      } catch (SourceException e) {
        outcome.set(e);
      }
    });
    reader.start();
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
    // As close() does: take the lock while the reader waits, then interrupt that wait.
    synchronized (lock) {
      closed.set(true);
    }
    reader.interrupt();
    reader.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(reader.isAlive()).isFalse();
    // Closed before its next check (false) or interrupted in its wait (the exception); never reopened.
    assertThat(outcome.get()).isNotEqualTo(Boolean.TRUE).isNotNull();
    assertThat(steps).isEmpty();
  }
}
