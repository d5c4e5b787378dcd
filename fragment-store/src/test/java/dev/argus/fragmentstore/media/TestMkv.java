package dev.argus.fragmentstore.media;

import dev.argus.parser.ebml.Vint;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.SegmentInfo;
import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import dev.argus.parser.mkv.TrackInfo;
import dev.argus.parser.write.Block;
import dev.argus.parser.write.MkvWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** MKV inputs for media tests: the real KVS capture, and small bodies written with the parser's writer. */
final class TestMkv {
  /** Blocks per cluster of clusters.mkv (testdata/kvs/README). */
  static final List<Integer> CLUSTERS_MKV_FRAMES = List.of(59, 59, 59, 59, 59, 59, 59, 31);

  private TestMkv() {
  }

  static byte[] clustersMkv() {
    try {
      return Files.readAllBytes(Path.of(System.getProperty("argus.testdata"), "kvs", "clusters.mkv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] header(long... trackNumbers) {
    List<TrackInfo> tracks = new ArrayList<>();
    for (long n : trackNumbers) {
      tracks.add(TrackInfo.video(n, "V_MPEG4/ISO/AVC", new byte[] {1, 2, 3}, 64, 48));
    }
    return MkvWriter.header(SegmentInfo.live("argus-test"), tracks);
  }

  /** A cluster at {@code timecode} with {@code frames} blocks on {@code track}, {@code stepMillis} apart. */
  static byte[] cluster(long timecode, long track, int frames, long stepMillis, int frameBytes) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      blocks.add(Block.of(track, timecode + i * stepMillis, i == 0, new byte[frameBytes]));
    }
    return MkvWriter.cluster(timecode, blocks);
  }

  /** A Tags element with one Tag per name/value pair (as the KVS producer SDK sends fragment metadata). */
  static byte[] tags(String... namesAndValues) {
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      tags.add(Tag.of(List.of(SimpleTag.of(namesAndValues[i], namesAndValues[i + 1]))));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new MkvWriter(out).writeTags(tags);
    return out.toByteArray();
  }

  /** {@code count} metadata tags named {@code prefix0, prefix1, ...}. */
  static byte[] metadata(String prefix, int count) {
    String[] pairs = new String[2 * count];
    for (int i = 0; i < count; i++) {
      pairs[2 * i] = prefix + i;
      pairs[2 * i + 1] = "value" + i;
    }
    return tags(pairs);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /**
   * A copy of {@code mkv} whose SimpleBlock {@code block} (0-based) of Cluster {@code cluster}
   * has the relative timecode {@code relative}, as an open-GOP source writes a B-frame shown
   * before its cluster's key frame. The bytes are otherwise the same.
   */
  static byte[] withRelativeTimecode(byte[] mkv, int cluster, int block, short relative) {
    List<long[]> found = new ArrayList<>();
    int[] clusters = {-1};
    int[] blocks = {0};
    MkvParser parser = new MkvParser(event -> {
      if (event instanceof MkvEvent.ClusterStart) {
        clusters[0]++;
        blocks[0] = 0;
      } else if (event instanceof Frame f && f.laceIndex() == 0) {
        if (clusters[0] == cluster && blocks[0] == block) {
          found.add(new long[] {f.startOffset()});
        }
        blocks[0]++;
      }
    });
    parser.feed(ByteBuffer.wrap(mkv));
    parser.finish();
    if (found.size() != 1) {
      throw new IllegalArgumentException("no block " + block + " in cluster " + cluster);
    }
    int at = (int) found.get(0)[0];
    if ((mkv[at] & 0xFF) != 0xA3) {
      throw new IllegalArgumentException("block " + block + " of cluster " + cluster + " is not a SimpleBlock");
    }
    int sizeLength = Vint.length(mkv[at + 1] & 0xFF);
    int trackLength = Vint.length(mkv[at + 1 + sizeLength] & 0xFF);
    byte[] copy = mkv.clone();
    ByteBuffer.wrap(copy).putShort(at + 1 + sizeLength + trackLength, relative);
    return copy;
  }
}
