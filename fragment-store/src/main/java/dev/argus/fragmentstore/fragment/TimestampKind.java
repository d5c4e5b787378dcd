package dev.argus.fragmentstore.fragment;

/** Which of a fragment's two timestamps a selector means (the API's FragmentSelectorType). */
public enum TimestampKind {
  /** The producer's timestamp: the cluster's absolute timecode. */
  PRODUCER_TIMESTAMP,
  /** When the server received the fragment. */
  SERVER_TIMESTAMP;

  long of(FragmentMeta meta) {
    return this == PRODUCER_TIMESTAMP ? meta.producerMillis() : meta.serverMillis();
  }
}
