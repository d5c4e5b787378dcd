package dev.argus.app.bench;

import dev.argus.parser.ebml.Vint;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.SegmentInfo;
import dev.argus.parser.mkv.TrackInfo;
import dev.argus.parser.write.Block;
import dev.argus.parser.write.MkvWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test clip's fragments, ready to replay with rewritten timestamps: each cluster's frames with
 * their offsets from the cluster start, their bytes repeated to reach a target bit rate (the
 * server stores bytes and never decodes them). Immutable.
 */
final class Clip {
  record ClipFrame(long offsetMillis, boolean keyFrame, byte[] data) {
  }

  /**
   * One cluster of the clip.
   *
   * @param blocks its frames as SimpleBlocks of track {@link #TRACK} (their timecodes are relative to
   *     the cluster, so the same bytes serve every replay), built once at load
   * @param blockEnds where each frame's SimpleBlock ends in {@code blocks}
   */
  record ClipFragment(long startMillis, List<ClipFrame> frames, byte[] blocks, int[] blockEnds) {
  }

  /** The track number the replayed blocks carry (the clip's first track). */
  static final long TRACK = 1;

  final byte[] header;
  final List<ClipFragment> fragments;
  final long durationMillis;

  private Clip(byte[] header, List<ClipFragment> fragments, long durationMillis) {
    this.header = header;
    this.fragments = fragments;
    this.durationMillis = durationMillis;
  }

  /** Loads a single-track MKV clip, padding frames so that it plays at about {@code bitsPerSecond}. */
  static Clip load(Path file, long bitsPerSecond) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<TrackInfo> tracks = new ArrayList<>();
    List<List<Frame>> clusters = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    MkvParser.parse(ByteBuffer.wrap(bytes), event -> {
      if (event instanceof MkvEvent.Tracks t && tracks.isEmpty()) {
        tracks.addAll(t.tracks());
      } else if (event instanceof MkvEvent.ClusterStart c) {
        clusters.add(new ArrayList<>());
        starts.add(c.timecode());
      } else if (event instanceof Frame f) {
        clusters.get(clusters.size() - 1).add(f.copy());
      }
    });
    long first = starts.get(0);
    long last = starts.get(starts.size() - 1) - first;
    long total = 0;
    for (List<Frame> cluster : clusters) {
      for (Frame f : cluster) {
        total += f.size();
      }
    }
    long lastCluster = clusters.get(clusters.size() - 1).stream().mapToLong(Frame::timecode).max().orElse(0)
        - starts.get(starts.size() - 1);
    long duration = last + lastCluster + 33;
    double natural = total * 8.0 * 1000 / duration;
    int repeat = (int) Math.max(1, Math.round(bitsPerSecond / natural));
    List<ClipFragment> fragments = new ArrayList<>();
    for (int c = 0; c < clusters.size(); c++) {
      List<ClipFrame> frames = new ArrayList<>();
      for (Frame f : clusters.get(c)) {
        byte[] data = new byte[f.size() * repeat];
        for (int r = 0; r < repeat; r++) {
          System.arraycopy(f.bytes(), 0, data, r * f.size(), f.size());
        }
        frames.add(new ClipFrame(f.timecode() - starts.get(c), f.keyFrame(), data));
      }
      fragments.add(blocksOf(starts.get(c) - first, frames));
    }
    List<TrackInfo> one = List.of(tracks.get(0));
    return new Clip(MkvWriter.header(SegmentInfo.live("argus-bench"), one), fragments, duration);
  }

  private static ClipFragment blocksOf(long startMillis, List<ClipFrame> frames) {
    java.io.ByteArrayOutputStream blocks = new java.io.ByteArrayOutputStream();
    int[] ends = new int[frames.size()];
    for (int i = 0; i < frames.size(); i++) {
      ClipFrame f = frames.get(i);
      blocks.writeBytes(MkvWriter.simpleBlock(0, Block.of(TRACK, f.offsetMillis(), f.keyFrame(), f.data())));
      ends[i] = blocks.size();
    }
    return new ClipFragment(startMillis, frames, blocks.toByteArray(), ends);
  }

  /**
   * The start of the fragment's cluster at {@code timecode} ms: its ID, known size and Timecode;
   * followed by the fragment's {@link ClipFragment#blocks} it is byte for byte
   * {@link #cluster}'s output, without building the whole cluster for every replay.
   */
  static byte[] clusterHead(ClipFragment fragment, long timecode) {
    byte[] start = MkvWriter.clusterStart(timecode); // ID, 8-byte unknown size, Timecode
    int timecodeAt = Vint.MAX_ID_LENGTH + Vint.MAX_SIZE_LENGTH;
    long size = start.length - timecodeAt + (long) fragment.blocks().length;
    ByteBuffer head = ByteBuffer.allocate(Vint.MAX_ID_LENGTH + Vint.sizeLength(size) + start.length - timecodeAt);
    head.put(start, 0, Vint.MAX_ID_LENGTH);
    Vint.putSize(head, size, Vint.sizeLength(size));
    head.put(start, timecodeAt, start.length - timecodeAt);
    return head.array();
  }

  /** The cluster for a fragment at {@code timecode} ms, and the byte offset where each frame ends. */
  static byte[] cluster(ClipFragment fragment, long timecode, long track, int[] frameEnds) {
    List<Block> blocks = new ArrayList<>();
    for (ClipFrame f : fragment.frames()) {
      blocks.add(Block.of(track, timecode + f.offsetMillis(), f.keyFrame(), f.data()));
    }
    byte[] cluster = MkvWriter.cluster(timecode, blocks);
    int tail = cluster.length;
    for (int i = fragment.frames().size() - 1; i >= 0; i--) {
      frameEnds[i] = tail;
      long body = Vint.sizeLength(track) + 3L + fragment.frames().get(i).data().length;
      tail -= (int) (1 + Vint.sizeLength(body) + body); // SimpleBlock: ID, size, track, timecode, flags, data
    }
    return cluster;
  }
}
