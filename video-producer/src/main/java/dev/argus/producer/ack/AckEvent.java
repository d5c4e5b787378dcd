package dev.argus.producer.ack;

import java.util.Objects;

/**
 * One PutMedia acknowledgement, e.g.
 * {@code {"EventType":"PERSISTED","FragmentTimecode":1764000000000,"FragmentNumber":"9134..."}} or
 * {@code {"EventType":"ERROR","FragmentTimecode":1764000000000,"FragmentNumber":"9134...","ErrorId":4004,"ErrorCode":"..."}}.
 *
 * <p>{@code fragmentTimecode} is the Cluster timecode the producer sent (epoch ms for ABSOLUTE
 * timecodes); it is how a producer matches an ACK to its fragment. It is absent for IDLE.
 *
 * @param type the event type
 * @param fragmentTimecode the fragment's Cluster timecode, or {@code null} (IDLE, request errors)
 * @param fragmentNumber the server's fragment number (a decimal string), or {@code null}
 * @param errorId the KVS error id for ERROR events (see {@link KvsErrorId}), else {@code null}
 * @param errorCode the error's name as the server sent it, or {@code null}
 */
public record AckEvent(AckEventType type, Long fragmentTimecode, String fragmentNumber, Integer errorId, String errorCode) {

  public AckEvent {
    Objects.requireNonNull(type, "type");
    if (type == AckEventType.ERROR && errorId == null) {
      throw new IllegalArgumentException("an ERROR ack carries an ErrorId");
    }
    if (type != AckEventType.ERROR && type != AckEventType.IDLE && fragmentTimecode == null) {
      throw new IllegalArgumentException(type + " ack carries a FragmentTimecode");
    }
    if (fragmentNumber != null && !fragmentNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("FragmentNumber is a decimal string: " + fragmentNumber);
    }
  }

  /** A fragment event (BUFFERING, RECEIVED, PERSISTED). */
  public static AckEvent of(AckEventType type, long fragmentTimecode, String fragmentNumber) {
    return new AckEvent(type, fragmentTimecode, fragmentNumber, null, null);
  }

  /** An ERROR event. */
  public static AckEvent error(Long fragmentTimecode, String fragmentNumber, int errorId, String errorCode) {
    return new AckEvent(AckEventType.ERROR, fragmentTimecode, fragmentNumber, errorId, errorCode);
  }

  /** The IDLE keep-alive. */
  public static AckEvent idle() {
    return new AckEvent(AckEventType.IDLE, null, null, null, null);
  }
}
