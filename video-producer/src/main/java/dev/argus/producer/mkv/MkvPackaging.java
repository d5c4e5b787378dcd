package dev.argus.producer.mkv;

import dev.argus.parser.mkv.SegmentInfo;
import dev.argus.parser.mkv.TrackInfo;
import dev.argus.parser.write.Block;
import dev.argus.parser.write.MkvWriter;
import dev.argus.producer.buffer.EncodedFragment;
import dev.argus.producer.fragment.Fragment;
import dev.argus.producer.fragment.Packet;
import dev.argus.producer.source.VideoTrack;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs a producer's output as Matroska for PutMedia, with the parser's {@link MkvWriter}: a header
 * (EBML, Segment of unknown size, Info with 1 ms ticks, Tracks with track 1 = the video) sent at the
 * start of every connection, and one Cluster per fragment whose Timecode is the fragment's absolute
 * producer time in ms (so {@code x-amzn-fragment-timecode-type: ABSOLUTE}) and whose SimpleBlocks carry
 * the frames in decoding order, timed by presentation time.
 *
 * <p>Streamed fragments ({@link #clusterStart}, {@link #block}) are written the way the KVS producer
 * SDK sends them: a Cluster of unknown size opened by its key frame, whose Timecode and SimpleBlocks go
 * out as each frame is produced; the next Cluster (or the end of the body) ends it.
 *
 * <p>Pure functions; thread-safe.
 */
public final class MkvPackaging {

  /** The MuxingApp/WritingApp name. */
  public static final String APP = "argus-producer";

  private MkvPackaging() {}

  /** The stream header for one video track. */
  public static byte[] header(VideoTrack track) {
    TrackInfo video = TrackInfo.video(1, track.codecId(), track.codecPrivate(), track.width(), track.height());
    return MkvWriter.header(SegmentInfo.live(APP), List.of(video));
  }

  /** The start of a streamed fragment: a Cluster of unknown size and its Timecode (ms). */
  public static byte[] clusterStart(long timecodeMillis) {
    return MkvWriter.clusterStart(timecodeMillis);
  }

  /** One frame of a streamed fragment whose Cluster timecode is {@code timecodeMillis}, as a SimpleBlock. */
  public static byte[] block(long timecodeMillis, Packet p) {
    return MkvWriter.simpleBlock(timecodeMillis, Block.of(p.track(), p.ptsMillis(), p.key(), p.data()));
  }

  /** One fragment as one Cluster. */
  public static EncodedFragment encode(Fragment fragment) {
    List<Block> blocks = new ArrayList<>(fragment.frames().size());
    for (Packet p : fragment.frames()) {
      blocks.add(Block.of(p.track(), p.ptsMillis(), p.key(), p.data()));
    }
    byte[] cluster = MkvWriter.cluster(fragment.timecodeMillis(), blocks);
    return new EncodedFragment(fragment.sequence(), fragment.timecodeMillis(), fragment.endMillis(),
        fragment.frames().size(), cluster);
  }
}
