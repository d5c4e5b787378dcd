package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.MetadataTag;
import dev.argus.fragmentstore.fragment.StreamHeader;
import java.util.List;
import java.util.Objects;

/** What a {@link FragmentAssembler} makes of the PutMedia body, in body order. */
sealed interface IngestEvent {

  /** A (new) stream header: fragments after it refer to it. */
  record HeaderReady(StreamHeader header) implements IngestEvent {
    public HeaderReady {
      Objects.requireNonNull(header, "header");
    }
  }

  /**
   * A fragment's first bytes arrived (BUFFERING).
   *
   * @param timecodeMillis the cluster's timecode as sent, milliseconds (what the acks carry)
   * @param metadata the fragment's metadata tags: those sent (in Tags elements) since the previous
   *     fragment's Cluster began, in order
   */
  record FragmentStarted(long timecodeMillis, List<MetadataTag> metadata) implements IngestEvent {
    public FragmentStarted {
      metadata = List.copyOf(metadata);
    }
  }

  /**
   * A block of the open fragment passed the checks, as soon as it is parsed (for live readers).
   *
   * @param elements the cluster's data bytes from where the previous FrameArrived (or the
   *     cluster's header) ended up to the end of this SimpleBlock or BlockGroup: the Timecode and
   *     any other children before it included. Concatenated in order, and followed by what
   *     {@link LiveFragment#complete} adds, they are the stored cluster's data exactly.
   */
  record FrameArrived(byte[] elements) implements IngestEvent {
    public FrameArrived {
      Objects.requireNonNull(elements, "elements");
    }
  }

  /**
   * A whole, valid fragment (to store, then RECEIVED and PERSISTED).
   *
   * @param timecodeMillis as in {@link FragmentStarted}
   * @param producerMillis the absolute producer timestamp (timecode plus the start timestamp for
   *     RELATIVE timecodes)
   * @param durationMillis from the cluster timecode to its last frame
   * @param frameCount frames in the cluster
   * @param cluster the whole Cluster element, of known size
   * @param metadata as in {@link FragmentStarted}
   */
  record FragmentReady(long timecodeMillis, long producerMillis, int durationMillis, int frameCount, byte[] cluster,
      List<MetadataTag> metadata) implements IngestEvent {
    public FragmentReady {
      Objects.requireNonNull(cluster, "cluster");
      metadata = List.copyOf(metadata);
    }
  }

  /**
   * The body broke a rule: an ERROR ack, and nothing more is read.
   *
   * @param timecodeMillis the fragment it concerns, or null
   */
  record Failed(AckErrorCode code, Long timecodeMillis, String reason) implements IngestEvent {
    public Failed {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
