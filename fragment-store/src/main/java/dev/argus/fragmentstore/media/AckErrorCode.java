package dev.argus.fragmentstore.media;

/**
 * The error ids a PutMedia ERROR acknowledgement carries, with Kinesis Video's names for them
 * (the AckErrorCode of the AWS SDKs).
 */
public enum AckErrorCode {
  /** 4000: the body could not be read (the connection broke or timed out mid-fragment). */
  STREAM_READ_ERROR(4000),
  /** 4001: a fragment above 50 MB. */
  MAX_FRAGMENT_SIZE_REACHED(4001),
  /** 4002: a fragment longer than 10 s. */
  MAX_FRAGMENT_DURATION_REACHED(4002),
  /** 4003: the connection lasted longer than allowed. */
  MAX_CONNECTION_DURATION_REACHED(4003),
  /** 4004: a fragment's first frame is not later than the previous fragment's last one. */
  FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS(4004),
  /** 4005: more tracks than allowed. */
  MORE_THAN_ALLOWED_TRACKS_FOUND(4005),
  /** 4006: the body is not valid MKV. */
  INVALID_MKV_DATA(4006),
  /** 4007: the producer timestamp is not valid. */
  INVALID_PRODUCER_TIMESTAMP(4007),
  /** 4008: the stream was deleted. */
  STREAM_NOT_ACTIVE(4008),
  /** 4009: too much fragment metadata. */
  FRAGMENT_METADATA_LIMIT_REACHED(4009),
  /** 4010: a block's track number is not one of the header's tracks. */
  TRACK_NUMBER_MISMATCH(4010),
  /** 4011: a track has no frames in the fragment. */
  FRAMES_MISSING_FOR_TRACK(4011),
  /** 4012: the fragment's metadata is not valid. */
  INVALID_FRAGMENT_METADATA(4012),
  /** 5000: a failure on the server's side. */
  INTERNAL_ERROR(5000),
  /** 5001: the fragment could not be persisted. */
  ARCHIVAL_ERROR(5001);

  private final int id;

  AckErrorCode(int id) {
    this.id = id;
  }

  /** The numeric ErrorId. */
  public int id() {
    return id;
  }
}
