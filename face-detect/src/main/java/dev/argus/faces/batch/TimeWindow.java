package dev.argus.faces.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The stretch of video to analyse: frames whose timestamp {@code t} has {@code from <= t <= to}.
 *
 * @param from first instant, inclusive
 * @param to   last instant, inclusive; strictly after {@code from}
 */
public record TimeWindow(Instant from, Instant to) {

  public TimeWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && !t.isAfter(to);
  }

  /** Whether a fragment starting at {@code start} and lasting {@code length} has any frame in the window. */
  public boolean overlaps(Instant start, Duration length) {
    return !start.isAfter(to) && !start.plus(length).isBefore(from);
  }
}
