package dev.argus.awshttp.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonGeneratorImpl;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The one place that knows how each body protocol writes a timestamp; the mappers' {@code Instant}
 * serializers and hand-written response encoders (which hold only a generator) both call it.
 *
 * <ul>
 *   <li>JSON (awsJson1.1, REST-JSON): epoch seconds as a number with exactly three fraction digits,
 *       {@code 1519423069.070}, {@code 1519423069.000}, {@code -1.500}; the text
 *       {@code BigDecimal.valueOf(millis).movePointLeft(3)} has, written without building one for
 *       the usual non-negative instant.</li>
 *   <li>CBOR (awsCbor1.1): tag 1 (epoch date/time, RFC 8949 §3.4.2) and the epoch milliseconds as
 *       an integer, as the AWS SDKs write and read them.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class Timestamps {

  /** CBOR tag 1: epoch-based date/time (RFC 8949 §3.4.2). */
  static final int CBOR_TAG_EPOCH = 1;

  /** Sign, 19 digits of {@code Long.MAX_VALUE} and the point, with room to spare. */
  private static final int MAX_CHARS = 24;

  private Timestamps() {
  }

  /**
   * Writes {@code epochMillis} in the format of the generator's protocol: tag 1 and milliseconds
   * for a {@link CBORGenerator}, epoch seconds for any other (JSON) generator.
   */
  public static void write(JsonGenerator gen, long epochMillis) throws IOException {
    if (gen instanceof CBORGenerator) {
      writeEpochMillis(gen, epochMillis);
    } else {
      writeEpochSeconds(gen, epochMillis);
    }
  }

  /**
   * JSON: epoch seconds with a three-digit millisecond fraction (see the class comment). Only a
   * JSON text generator takes the number as text; any other (a {@code TokenBuffer} behind
   * {@code valueToTree}) gets the {@code BigDecimal}, as do instants before the epoch.
   */
  static void writeEpochSeconds(JsonGenerator gen, long epochMillis) throws IOException {
    if (epochMillis < 0 || !(gen instanceof JsonGeneratorImpl)) {
      gen.writeNumber(BigDecimal.valueOf(epochMillis).movePointLeft(3));
      return;
    }
    char[] text = new char[MAX_CHARS];
    int start = epochSecondsText(epochMillis, text);
    gen.writeNumber(text, start, MAX_CHARS - start);
  }

  /** CBOR: tag 1 (only where the generator is a CBOR one) and the epoch milliseconds. */
  static void writeEpochMillis(JsonGenerator gen, long epochMillis) throws IOException {
    if (gen instanceof CBORGenerator cbor) {
      cbor.writeTag(CBOR_TAG_EPOCH);
    }
    gen.writeNumber(epochMillis);
  }

  /**
   * Writes {@code epochMillis >= 0} as {@code seconds.mmm} at the end of {@code into}
   * ({@value #MAX_CHARS} chars); returns the index of its first char.
   */
  static int epochSecondsText(long epochMillis, char[] into) {
    long rest = epochMillis;
    int at = MAX_CHARS;
    for (int i = 0; i < 3; i++) {
      into[--at] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    into[--at] = '.';
    do {
      into[--at] = (char) ('0' + rest % 10);
      rest /= 10;
    } while (rest != 0);
    return at;
  }
}
