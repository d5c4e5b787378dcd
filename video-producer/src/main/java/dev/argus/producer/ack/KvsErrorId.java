package dev.argus.producer.ack;

import java.util.Arrays;
import java.util.Optional;

/**
 * The PutMedia ERROR ack ids and what a producer does about each: resend the fragment on a new
 * connection ({@link #retriable()}), or give the fragment up because resending cannot help.
 */
public enum KvsErrorId {
  STREAM_READ_ERROR(4000, true),
  MAX_FRAGMENT_SIZE_REACHED(4001, false),
  MAX_FRAGMENT_DURATION_REACHED(4002, false),
  MAX_CONNECTION_DURATION_REACHED(4003, true),
  FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS(4004, false),
  MORE_THAN_ALLOWED_TRACKS_FOUND(4005, false),
  INVALID_MKV_DATA(4006, false),
  INVALID_PRODUCER_TIMESTAMP(4007, false),
  STREAM_NOT_ACTIVE(4008, true),
  FRAGMENT_METADATA_LIMIT_REACHED(4009, false),
  TRACK_NUMBER_MISMATCH(4010, false),
  FRAMES_MISSING_FOR_TRACK(4011, false),
  INVALID_FRAGMENT_METADATA(4012, false),
  INTERNAL_ERROR(5000, true),
  ARCHIVAL_ERROR(5001, true);

  private final int id;
  private final boolean retriable;

  KvsErrorId(int id, boolean retriable) {
    this.id = id;
    this.retriable = retriable;
  }

  public int id() {
    return id;
  }

  /** Whether resending the same fragment on a new connection may succeed. */
  public boolean retriable() {
    return retriable;
  }

  /** The id's constant, if it is one KVS documents. */
  public static Optional<KvsErrorId> of(int id) {
    return Arrays.stream(values()).filter(e -> e.id == id).findFirst();
  }

  /** Unknown ids are treated as retriable server errors when 5xxx, else as fragment errors. */
  public static boolean isRetriable(int id) {
    return of(id).map(KvsErrorId::retriable).orElse(id >= 5000);
  }
}
