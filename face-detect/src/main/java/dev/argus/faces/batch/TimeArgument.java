package dev.argus.faces.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads a point in time as a user types it (pure). Accepted forms:
 * <ul>
 *   <li>epoch seconds, optionally with a fraction: {@code 1764115200}, {@code 1764115200.250}
 *       (what the Kinesis Video APIs print as timestamps);</li>
 *   <li>ISO-8601 with a zone: {@code 2026-11-26T00:00:00Z}, {@code 2026-11-26T01:00:00.5+01:00}.</li>
 * </ul>
 * A date-time without a zone is refused: it is ambiguous on a server in another time zone.
 * Precision beyond a millisecond is truncated (fragment timestamps are milliseconds).
 */
public final class TimeArgument {

  private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,9})?");

  private TimeArgument() {
  }

  /**
   * @throws IllegalArgumentException naming the accepted forms, when {@code text} is neither
   */
  public static Instant parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (EPOCH_SECONDS.matcher(trimmed).matches()) {
      return Instant.ofEpochMilli(new BigDecimal(trimmed).movePointRight(3).longValue());
    }
    try {
      return OffsetDateTime.parse(trimmed).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a time: '" + text + "' (use epoch seconds such as 1764115200.5, "
          + "or ISO-8601 with a zone such as 2026-11-26T00:00:00Z)");
    }
  }
}
