package dev.argus.producer.ack;

/** The kinds of PutMedia acknowledgement, in the order a healthy fragment receives them. */
public enum AckEventType {
  /** The server started receiving the fragment (its first byte). */
  BUFFERING,
  /** The whole fragment arrived and parsed. */
  RECEIVED,
  /** The fragment is durable (on disk, fsynced): the producer may forget it. */
  PERSISTED,
  /** The fragment, or the request, failed; {@link AckEvent#errorId()} says why. */
  ERROR,
  /** Keep-alive while no data arrives. */
  IDLE
}
