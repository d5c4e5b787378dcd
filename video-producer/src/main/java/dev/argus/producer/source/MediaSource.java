package dev.argus.producer.source;

import dev.argus.producer.fragment.Packet;
import java.io.IOException;
import java.util.Optional;

/**
 * A video source delivering encoded packets on track 1 with absolute producer timestamps (epoch
 * microseconds): the wall clock at the first frame plus the source's own clock for live sources,
 * the upload's start time plus the file's clock for recorded ones.
 *
 * <p>Not thread-safe: one thread opens it, reads it and closes it.
 */
public interface MediaSource extends AutoCloseable {

  /** The track; known once the source is open (may read ahead to find the parameter sets). */
  VideoTrack track();

  /**
   * The next packet in decoding order, blocking as a live source does; empty at the end of a
   * recorded source or once closed.
   */
  Optional<Packet> next() throws IOException;

  /** Whether this source re-encodes (and so honours {@link #keyFramesWhen}). */
  default boolean encodes() {
    return false;
  }

  /**
   * For an encoding source: make a frame a key frame when {@code wanted} accepts its producer
   * presentation time (epoch µs), e.g. {@code Fragmenter::wantsKeyFrame}. Passthrough sources ignore it.
   */
  default void keyFramesWhen(java.util.function.LongPredicate wanted) {}

  @Override
  void close() throws IOException;
}
