package dev.argus.fragmentstore.media;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One PutMedia acknowledgement. On the wire each is a JSON object on its own line:
 *
 * <pre>
 * {"EventType":"BUFFERING","FragmentTimecode":1519762394478,"FragmentNumber":"1..."}
 * {"EventType":"ERROR","FragmentTimecode":1519762394478,"FragmentNumber":"1...","ErrorId":4004,"ErrorCode":"FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS"}
 * {"EventType":"IDLE"}
 * </pre>
 *
 * FragmentTimecode is the fragment's absolute producer timestamp in milliseconds and
 * FragmentNumber a string; both are left out when there is no fragment (IDLE, or an ERROR before
 * any fragment began), and FragmentNumber also from an ERROR that refused the fragment (it is
 * never stored). BUFFERING carries the number reserved for the fragment when it began.
 *
 * @param type the event
 * @param fragmentTimecode the fragment's producer timestamp in ms, or null
 * @param fragmentNumber the fragment's number, or null
 * @param error the error, for ERROR only
 */
public record Ack(Type type, Long fragmentTimecode, String fragmentNumber, AckErrorCode error) {
  private static final JsonFactory JSON = new JsonFactory();

  /** AckEventType. */
  public enum Type { BUFFERING, RECEIVED, PERSISTED, ERROR, IDLE }

  public Ack {
    Objects.requireNonNull(type, "type");
    if ((type == Type.ERROR) != (error != null)) {
      throw new IllegalArgumentException("an ERROR ack, and only it, has an error code");
    }
  }

  public static Ack idle() {
    return new Ack(Type.IDLE, null, null, null);
  }

  public static Ack of(Type type, long timecode, String number) {
    return new Ack(type, timecode, number, null);
  }

  public static Ack error(AckErrorCode error, Long timecode, String number) {
    return new Ack(Type.ERROR, timecode, number, error);
  }

  /** The wire form: UTF-8 JSON and a newline. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("EventType", type.name());
      if (fragmentTimecode != null) {
        json.writeNumberField("FragmentTimecode", fragmentTimecode);
      }
      if (fragmentNumber != null) {
        json.writeStringField("FragmentNumber", fragmentNumber);
      }
      if (error != null) {
        json.writeNumberField("ErrorId", error.id());
        json.writeStringField("ErrorCode", error.name());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }
}
