package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DurabilityTrackerTest {

  @Test
  void completesWaitersBelowTheNewEndOnly() {
    DurabilityTracker tracker = new DurabilityTracker(3);
    assertThat(tracker.await(2)).isCompleted();
    CompletableFuture<Void> three = tracker.await(3);
    CompletableFuture<Void> five = tracker.await(5);
    tracker.advance(5);
    assertThat(three).isCompleted();
    assertThat(five).isNotDone();
    tracker.advance(4); // never goes back
    assertThat(tracker.durableEnd()).isEqualTo(5);
    tracker.advance(6);
    assertThat(five).isCompleted();
  }

  @Test
  void aCallerCancellingItsCopyDoesNotAffectOthers() {
    DurabilityTracker tracker = new DurabilityTracker(0);
    CompletableFuture<Void> mine = tracker.await(0);
    CompletableFuture<Void> theirs = tracker.await(0);
    mine.cancel(false);
    tracker.advance(1);
    assertThat(theirs).isCompleted();
  }

  @Test
  void failureFailsPendingAndLaterWaitersButNotDurableOnes() {
    DurabilityTracker tracker = new DurabilityTracker(2);
    CompletableFuture<Void> pending = tracker.await(4);
    IOException cause = new IOException("fsync failed");
    tracker.fail(cause);
    assertThat(pending).isCompletedExceptionally();
    assertThat(tracker.await(7)).isCompletedExceptionally();
    assertThat(tracker.await(1)).isCompleted();
  }
}
