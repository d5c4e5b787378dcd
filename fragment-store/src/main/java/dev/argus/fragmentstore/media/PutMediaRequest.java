package dev.argus.fragmentstore.media;

import dev.argus.awshttp.api.RequestHead;
import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import dev.argus.fragmentstore.catalog.StreamRef;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * PutMedia's parameters, which travel as headers: {@code x-amzn-stream-name} or
 * {@code x-amzn-stream-arn}, {@code x-amzn-fragment-timecode-type} ({@code ABSOLUTE} or
 * {@code RELATIVE}) and {@code x-amzn-producer-start-timestamp} (epoch seconds, decimals allowed;
 * required for RELATIVE).
 *
 * @param stream the stream
 * @param relative whether cluster timecodes count from the producer start timestamp
 * @param producerBaseMillis what to add to timecodes: the start timestamp for RELATIVE, else 0
 */
record PutMediaRequest(StreamRef stream, boolean relative, long producerBaseMillis) {
  static final String STREAM_NAME = "x-amzn-stream-name";
  static final String STREAM_ARN = "x-amzn-stream-arn";
  static final String TIMECODE_TYPE = "x-amzn-fragment-timecode-type";
  static final String PRODUCER_START = "x-amzn-producer-start-timestamp";

  PutMediaRequest {
    Objects.requireNonNull(stream, "stream");
  }

  /** Reads the headers; a missing or malformed one is an {@link InvalidArgumentException}. */
  static PutMediaRequest of(RequestHead head) {
    StreamRef stream = StreamRef.of(head.header(STREAM_NAME), head.header(STREAM_ARN));
    String type = head.header(TIMECODE_TYPE);
    if (type == null || !(type.equals("ABSOLUTE") || type.equals("RELATIVE"))) {
      throw new InvalidArgumentException(TIMECODE_TYPE + " must be ABSOLUTE or RELATIVE, not " + type);
    }
    boolean relative = type.equals("RELATIVE");
    String start = head.header(PRODUCER_START);
    if (start == null) {
      if (relative) {
        throw new InvalidArgumentException(PRODUCER_START + " is required for RELATIVE timecodes");
      }
      return new PutMediaRequest(stream, false, 0);
    }
    long startMillis;
    try {
      BigDecimal seconds = new BigDecimal(start.trim());
      if (seconds.signum() < 0 || seconds.precision() > 30) {
        throw new NumberFormatException();
      }
      startMillis = seconds.movePointRight(3).longValue();
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException(PRODUCER_START + " must be epoch seconds, not " + start);
    }
    return new PutMediaRequest(stream, relative, relative ? startMillis : 0);
  }
}
