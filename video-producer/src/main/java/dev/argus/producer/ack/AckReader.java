package dev.argus.producer.ack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental reader of a PutMedia response body: JSON objects separated by newlines ({@code \n}
 * or {@code \r\n}; blank lines are skipped), fed in any chunking.
 *
 * <p>Limits: a line longer than {@link #DEFAULT_MAX_LINE_BYTES} (or the configured limit) is
 * malformed. After a {@link MalformedAckException} the reader is in a failed state and rejects
 * further input: the connection must be dropped. Buffers passed in are not retained.
 *
 * <p>Not thread-safe: the connection's reading thread owns it.
 */
public final class AckReader {

  /** The longest line accepted; real acks are under 300 bytes. */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private boolean failed;

  public AckReader(int maxLineBytes) {
    if (maxLineBytes < 2) {
      throw new IllegalArgumentException("maxLineBytes too small: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  public AckReader() {
    this(DEFAULT_MAX_LINE_BYTES);
  }

  /** Consumes {@code length} bytes from {@code bytes[offset]}; returns the acks completed by them. */
  public List<AckEvent> feed(byte[] bytes, int offset, int length) throws MalformedAckException {
    if (failed) {
      throw new MalformedAckException("the ack stream already failed");
    }
    List<AckEvent> events = new ArrayList<>(1);
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        completeLine(events);
      } else {
        if (line.size() >= maxLineBytes) {
          failed = true;
          throw new MalformedAckException("ack line longer than " + maxLineBytes + " bytes");
        }
        line.write(b);
      }
    }
    return events;
  }

  /** Ends the stream: a trailing line without its newline is still an ack if it parses. */
  public List<AckEvent> finish() throws MalformedAckException {
    List<AckEvent> events = new ArrayList<>(1);
    if (!failed && line.size() > 0) {
      completeLine(events);
    }
    return events;
  }

  private void completeLine(List<AckEvent> events) throws MalformedAckException {
    byte[] raw = line.toByteArray();
    line.reset();
    int end = raw.length;
    if (end > 0 && raw[end - 1] == '\r') {
      end--;
    }
    if (isBlank(raw, end)) {
      return;
    }
    try {
      events.add(parse(JSON.readTree(raw, 0, end)));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      failed = true;
      throw new MalformedAckException("not a PutMedia ack: " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      failed = true;
      throw new MalformedAckException("unreadable ack: " + e.getMessage(), e);
    }
  }

  private static boolean isBlank(byte[] raw, int end) {
    for (int i = 0; i < end; i++) {
      if (raw[i] != ' ' && raw[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  static AckEvent parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("an ack is a JSON object");
    }
    JsonNode type = node.get("EventType");
    if (type == null || !type.isTextual()) {
      throw new IllegalArgumentException("EventType missing");
    }
    AckEventType eventType = AckEventType.valueOf(type.asText());
    Long timecode = integral(node, "FragmentTimecode");
    Long errorId = integral(node, "ErrorId");
    JsonNode number = node.get("FragmentNumber");
    String fragmentNumber = number == null || number.isNull() ? null : number.asText();
    JsonNode code = node.get("ErrorCode");
    String errorCode = code == null || code.isNull() ? null : code.asText();
    return new AckEvent(eventType, timecode, fragmentNumber,
        errorId == null ? null : Math.toIntExact(errorId), errorCode);
  }

  private static Long integral(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber()) {
      throw new IllegalArgumentException(field + " is not an integer: " + value);
    }
    return value.asLong();
  }
}
