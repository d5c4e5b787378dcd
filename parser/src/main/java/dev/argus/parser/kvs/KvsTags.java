package dev.argus.parser.kvs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The tag names Kinesis Video Streams puts into GetMedia output, and their value formats. All
 * values are strings: timestamps are seconds since the epoch with three decimals
 * ("1519423069.070"); fragment numbers and continuation tokens are decimal digits.
 */
public final class KvsTags {

  public static final String FRAGMENT_NUMBER = "AWS_KINESISVIDEO_FRAGMENT_NUMBER";
  public static final String SERVER_TIMESTAMP = "AWS_KINESISVIDEO_SERVER_TIMESTAMP";
  public static final String PRODUCER_TIMESTAMP = "AWS_KINESISVIDEO_PRODUCER_TIMESTAMP";
  public static final String MILLIS_BEHIND_NOW = "AWS_KINESISVIDEO_MILLIS_BEHIND_NOW";
  public static final String CONTINUATION_TOKEN = "AWS_KINESISVIDEO_CONTINUATION_TOKEN";
  public static final String ERROR_CODE = "AWS_KINESISVIDEO_ERROR_CODE";
  public static final String ERROR_ID = "AWS_KINESISVIDEO_ERROR_ID";

  private KvsTags() {
  }

  /** Whether {@code name} is one of the names above. */
  public static boolean isKvsTag(String name) {
    return name.equals(FRAGMENT_NUMBER) || name.equals(SERVER_TIMESTAMP) || name.equals(PRODUCER_TIMESTAMP)
        || name.equals(MILLIS_BEHIND_NOW) || name.equals(CONTINUATION_TOKEN) || name.equals(ERROR_CODE)
        || name.equals(ERROR_ID);
  }

  /** "1519423069.070" for 1519423069070 ms; negative instants are not KVS timestamps. */
  public static String formatTimestamp(Instant instant) {
    long millis = instant.toEpochMilli();
    if (millis < 0) {
      throw new IllegalArgumentException("timestamp before the epoch: " + instant);
    }
    return String.format("%d.%03d", millis / 1000, millis % 1000);
  }

  /** The instant of a KVS timestamp string (seconds, any decimals, cut to milliseconds), or empty if malformed. */
  public static Optional<Instant> parseTimestamp(String value) {
    try {
      BigDecimal seconds = new BigDecimal(value.trim());
      if (seconds.signum() < 0 || seconds.scale() > 9 || seconds.precision() - seconds.scale() > 15) {
        return Optional.empty();
      }
      return Optional.of(Instant.ofEpochMilli(
          seconds.movePointRight(3).setScale(0, java.math.RoundingMode.DOWN).longValueExact()));
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
