package dev.argus.samples.batchfacereport;

import dev.argus.parser.decode.DecodedFrame;
import dev.argus.parser.decode.FfmpegFrameDecoder;
import dev.argus.parser.decode.VideoTrackDecoder;
import dev.argus.parser.kvs.FragmentListener;
import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.kvs.FragmentVisitor;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.TreeMap;

/**
 * GetMedia-style MKV (KVS tags around each Cluster) in, decoded pictures out, each with the
 * fragment it came from: our streaming parser, its {@link FragmentVisitor} and
 * {@link VideoTrackDecoder} (FFmpeg), fed in 64 KiB reads so memory stays bounded.
 *
 * <p>Not thread-safe: one input at a time, on the caller's thread.
 */
public final class FragmentFrames {

  /** A picture, valid only during the call, and where it came from. */
  @FunctionalInterface
  public interface Sink {
    /**
     * @param frame          the picture (BGR), reused after the call
     * @param fragment       its fragment's number and timestamps
     * @param offsetSeconds  its offset from the fragment's first frame
     */
    void accept(DecodedFrame frame, FragmentMetadata fragment, double offsetSeconds) throws IOException;
  }

  static final int READ_BYTES = 64 * 1024;
  /** Pictures the decoder may hold back (reordering, threads) before their fragment is forgotten. */
  static final int DEFAULT_MAX_PENDING = 256;

  private record Origin(FragmentMetadata fragment, double offsetSeconds) {
  }

  private FragmentFrames() {
  }

  /** Decodes every picture of {@code mkv} into {@code sink}; returns the number of pictures. */
  public static long decode(InputStream mkv, Sink sink) throws IOException {
    // Frame timestamp (ms) → its fragment and offset, until the decoder hands the picture out.
    TreeMap<Long, Origin> pending = new TreeMap<>();
    long[] fragmentStart = {Long.MIN_VALUE};
    String[] fragmentNumber = {null};
    IOException[] failure = {null};
    try (VideoTrackDecoder video = new VideoTrackDecoder(FfmpegFrameDecoder::open, picture -> {
      Origin origin = pending.remove(picture.ptsMs());
      if (origin == null || failure[0] != null) {
        return;
      }
      try {
        sink.accept(picture, origin.fragment(), origin.offsetSeconds());
      } catch (IOException e) {
        failure[0] = e;
      }
    })) {
      FragmentVisitor fragments = new FragmentVisitor(new FragmentListener() {
        @Override
        public void onFrame(Frame frame, FragmentMetadata fragment) {
          String number = fragment.fragmentNumber().orElse("");
          if (!number.equals(fragmentNumber[0])) {
            fragmentNumber[0] = number;
            fragmentStart[0] = frame.timestampMillis();
          }
          if (pending.size() >= DEFAULT_MAX_PENDING) {
            pending.pollFirstEntry();
          }
          pending.put(frame.timestampMillis(),
              new Origin(fragment, (frame.timestampMillis() - fragmentStart[0]) / 1000.0));
        }
      });
      MkvParser parser = new MkvParser(event -> {
        fragments.onEvent(event);
        video.onEvent(event);
      });
      byte[] buffer = new byte[READ_BYTES];
      int n;
      while ((n = mkv.read(buffer)) >= 0) {
        parser.feed(ByteBuffer.wrap(buffer, 0, n));
        if (failure[0] != null) {
          throw failure[0];
        }
      }
      parser.finish();
      if (failure[0] != null) {
        throw failure[0];
      }
      if (video.failure().isPresent()) {
        throw new IOException("decoding stopped: " + video.failure().get().getMessage());
      }
      return video.pictures();
    }
  }
}
