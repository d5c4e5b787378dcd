package dev.argus.faces.processor;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * What a stream processor needs of the video store, implemented by the app over the fragment
 * store's in-process cursor (the reader GetMedia uses), so face-detect does not depend on the
 * store's internals. Implementations are thread-safe.
 */
public interface VideoFragmentSource {

  /**
   * The stream's name.
   *
   * @throws dev.argus.faces.processor.ProcessorResourceNotFoundException when no such stream exists
   */
  String streamName(String streamArn);

  /** Opens a tail of the stream's fragments from {@code start}. */
  Tail open(String streamArn, StartPosition start) throws IOException;

  /** A live read of one stream's fragments in ingest order. Not thread-safe: one reader. */
  interface Tail extends AutoCloseable {
    /** The next fragment, waiting up to {@code timeout}. */
    Optional<VideoFragment> poll(Duration timeout) throws IOException, InterruptedException;

    /** True once the stream is gone (deleted, or the server stopping): nothing more comes. */
    boolean ended();

    @Override
    void close();
  }

  /**
   * One stored fragment as a self-contained MKV chunk (EBML header, Segment with Info and
   * Tracks, one Cluster), as GetMedia sends it; or, at the live edge, a part of one: successive
   * VideoFragments with the same {@code fragmentNumber} continue the same chunk (the first starts
   * with the EBML header, the later ones carry the frames as they arrive), so a reader feeds them
   * to one parser in order.
   *
   * @param fragmentNumber its KVS fragment number
   * @param serverMillis   when the server stored it, epoch millis
   * @param producerMillis its producer timestamp, epoch millis (the cluster's timecode)
   */
  record VideoFragment(String fragmentNumber, long serverMillis, long producerMillis, byte[] mkv) {
    public VideoFragment {
      java.util.Objects.requireNonNull(fragmentNumber, "fragmentNumber");
      java.util.Objects.requireNonNull(mkv, "mkv");
    }
  }

  /** Where a tail starts: the KVSStreamStartSelector, or now. */
  sealed interface StartPosition {
    /** Only fragments stored from now on. */
    record Now() implements StartPosition {
    }

    /** The fragment holding this producer time (epoch millis), else the next one. */
    record ProducerTime(long millis) implements StartPosition {
    }

    /** From this fragment on (inclusive, as KVSStreamStartSelector's FragmentNumber). */
    record Fragment(String number) implements StartPosition {
      public Fragment {
        java.util.Objects.requireNonNull(number, "number");
      }
    }
  }
}
