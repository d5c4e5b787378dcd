package dev.argus.producer.ack;

import java.util.Arrays;
import java.util.Optional;

/**
 * The PutMedia ERROR ack ids and what a producer does about each ({@link #action()}): resend the
 * fragment on a new connection, give the fragment up because resending it cannot help, or stop the
 * upload because no later fragment can succeed either (the stream is gone, the tracks are wrong).
 */
public enum KvsErrorId {
  STREAM_READ_ERROR(4000, Action.RESEND),
  MAX_FRAGMENT_SIZE_REACHED(4001, Action.DROP_FRAGMENT),
  MAX_FRAGMENT_DURATION_REACHED(4002, Action.DROP_FRAGMENT),
  MAX_CONNECTION_DURATION_REACHED(4003, Action.RESEND),
  FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS(4004, Action.DROP_FRAGMENT),
  MORE_THAN_ALLOWED_TRACKS_FOUND(4005, Action.STOP),
  INVALID_MKV_DATA(4006, Action.DROP_FRAGMENT),
  INVALID_PRODUCER_TIMESTAMP(4007, Action.DROP_FRAGMENT),
  STREAM_NOT_ACTIVE(4008, Action.STOP),
  FRAGMENT_METADATA_LIMIT_REACHED(4009, Action.DROP_FRAGMENT),
  TRACK_NUMBER_MISMATCH(4010, Action.STOP),
  FRAMES_MISSING_FOR_TRACK(4011, Action.DROP_FRAGMENT),
  INVALID_FRAGMENT_METADATA(4012, Action.DROP_FRAGMENT),
  INTERNAL_ERROR(5000, Action.RESEND),
  ARCHIVAL_ERROR(5001, Action.RESEND);

  /** What the producer does after an ERROR ack (it always reconnects first). */
  public enum Action {
    /** Resend the fragment on the new connection. */
    RESEND,
    /** Give this fragment up (report it dropped); the stream goes on. */
    DROP_FRAGMENT,
    /** Stop the upload: an unrecoverable error. */
    STOP
  }

  private final int id;
  private final Action action;

  KvsErrorId(int id, Action action) {
    this.id = id;
    this.action = action;
  }

  public int id() {
    return id;
  }

  public Action action() {
    return action;
  }

  /** The id's constant, if it is one KVS documents. */
  public static Optional<KvsErrorId> of(int id) {
    return Arrays.stream(values()).filter(e -> e.id == id).findFirst();
  }

  /** The action for any id: unknown 5xxx ids are resent, other unknown ids drop the fragment. */
  public static Action actionFor(int id) {
    return of(id).map(KvsErrorId::action).orElse(id >= 5000 ? Action.RESEND : Action.DROP_FRAGMENT);
  }
}
