package dev.argus.awshttp.eventstream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * One message of the AWS event-stream encoding ({@code application/vnd.amazon.eventstream}),
 * which SubscribeToShard pushes over one HTTP/2 response. Wire layout, big-endian:
 *
 * <pre>
 * total length   uint32   the whole message, these 4 bytes and the trailing CRC included
 * headers length uint32
 * prelude CRC    uint32   CRC-32 of the 8 bytes above
 * headers        repeated: name length uint8, name (UTF-8), value type uint8, value
 * payload        total - headers - 16 bytes
 * message CRC    uint32   CRC-32 of every byte before it
 * </pre>
 *
 * Only string-valued headers (type 7: uint16 length + UTF-8) are written or accepted here, which
 * is all the event types Argus sends need ({@code :message-type}, {@code :event-type},
 * {@code :content-type}, {@code :exception-type}). Immutable.
 *
 * @param headers header names to values, in wire order
 * @param payload the payload bytes (the event's members in the request's protocol)
 */
public record EventStreamMessage(Map<String, String> headers, byte[] payload) {

  /** Bytes around the headers and payload: 12 of prelude and 4 of message CRC. */
  static final int OVERHEAD = 16;
  /** The largest message accepted; AWS caps event-stream messages at 16 MiB. */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
  private static final byte STRING_TYPE = 7;

  public EventStreamMessage {
    Objects.requireNonNull(payload, "payload");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().isEmpty() || header.getKey().getBytes(StandardCharsets.UTF_8).length > 255) {
        throw new IllegalArgumentException("header name must be 1..255 bytes: " + header.getKey());
      }
      if (header.getValue().getBytes(StandardCharsets.UTF_8).length > 0xFFFF) {
        throw new IllegalArgumentException("header value too long: " + header.getKey());
      }
    }
  }

  /** An event: {@code :message-type event}, its event type and content type. */
  public static EventStreamMessage event(String eventType, String contentType, byte[] payload) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":message-type", "event");
    headers.put(":event-type", eventType);
    headers.put(":content-type", contentType);
    return new EventStreamMessage(headers, payload);
  }

  /** A modelled error that ends the stream: {@code :message-type exception}. */
  public static EventStreamMessage exception(String exceptionType, String contentType, byte[] payload) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":message-type", "exception");
    headers.put(":exception-type", exceptionType);
    headers.put(":content-type", contentType);
    return new EventStreamMessage(headers, payload);
  }

  /** Encodes the message as one contiguous frame. */
  public byte[] encode() {
    byte[][] names = new byte[headers.size()][];
    byte[][] values = new byte[headers.size()][];
    int headersLength = 0;
    int i = 0;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      names[i] = header.getKey().getBytes(StandardCharsets.UTF_8);
      values[i] = header.getValue().getBytes(StandardCharsets.UTF_8);
      headersLength += 1 + names[i].length + 1 + 2 + values[i].length;
      i++;
    }
    int total = OVERHEAD + headersLength + payload.length;
    if (total > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("event-stream message of " + total + " bytes exceeds " + MAX_MESSAGE_BYTES);
    }
    ByteBuffer out = ByteBuffer.allocate(total);
    out.putInt(total).putInt(headersLength).putInt(crc(out.array(), 0, 8));
    for (int h = 0; h < names.length; h++) {
      out.put((byte) names[h].length).put(names[h]).put(STRING_TYPE).putShort((short) values[h].length).put(values[h]);
    }
    out.put(payload);
    out.putInt(crc(out.array(), 0, total - 4));
    return out.array();
  }

  /**
   * Decodes exactly one message from {@code frame}.
   *
   * @throws MalformedEventStreamException on a length or CRC mismatch, a header type other than
   *     string, or a truncated frame
   */
  public static EventStreamMessage decode(byte[] frame) {
    if (frame.length < OVERHEAD) {
      throw new MalformedEventStreamException("frame of " + frame.length + " bytes is shorter than the prelude");
    }
    ByteBuffer in = ByteBuffer.wrap(frame);
    int total = in.getInt();
    int headersLength = in.getInt();
    int preludeCrc = in.getInt();
    if (total != frame.length || headersLength < 0 || headersLength > total - OVERHEAD) {
      throw new MalformedEventStreamException("lengths do not fit: total " + total + ", headers " + headersLength
          + ", frame " + frame.length);
    }
    if (preludeCrc != crc(frame, 0, 8)) {
      throw new MalformedEventStreamException("prelude CRC mismatch");
    }
    if (in.getInt(total - 4) != crc(frame, 0, total - 4)) {
      throw new MalformedEventStreamException("message CRC mismatch");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int headersEnd = 12 + headersLength;
    while (in.position() < headersEnd) {
      int nameLength = in.get() & 0xFF;
      requireRoom(in, nameLength + 3, headersEnd);
      String name = new String(frame, in.position(), nameLength, StandardCharsets.UTF_8);
      in.position(in.position() + nameLength);
      byte type = in.get();
      if (type != STRING_TYPE) {
        throw new MalformedEventStreamException("header " + name + " has unsupported type " + type);
      }
      int valueLength = in.getShort() & 0xFFFF;
      requireRoom(in, valueLength, headersEnd);
      headers.put(name, new String(frame, in.position(), valueLength, StandardCharsets.UTF_8));
      in.position(in.position() + valueLength);
    }
    byte[] payload = new byte[total - OVERHEAD - headersLength];
    in.get(payload);
    return new EventStreamMessage(headers, payload);
  }

  private static void requireRoom(ByteBuffer in, int needed, int end) {
    if (in.position() + needed > end) {
      throw new MalformedEventStreamException("header runs past the header block");
    }
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
