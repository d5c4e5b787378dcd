package dev.argus.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipTest {
  private static final Path CLUSTERS = Path.of(System.getProperty("argus.testdata"), "kvs", "clusters.mkv");

  @Test
  void loadsTheFragmentsAndPadsToTheBitRate() throws Exception {
    Clip natural = Clip.load(CLUSTERS, 1);
    Clip padded = Clip.load(CLUSTERS, 2_000_000);
    assertThat(natural.fragments).hasSize(8);
    assertThat(natural.fragments).extracting(f -> f.frames().size()).containsExactly(59, 59, 59, 59, 59, 59, 59, 31);
    assertThat(natural.fragments.get(1).startMillis()).isEqualTo(1999);
    long naturalBytes = bytes(natural);
    double bitsPerSecond = bytes(padded) * 8.0 * 1000 / padded.durationMillis;
    assertThat(bitsPerSecond).isBetween(1_500_000.0, 2_500_000.0);
    assertThat(bytes(padded) % naturalBytes).isZero();
  }

  @Test
  void rewrittenClustersParseWithTheirNewTimecodes() throws Exception {
    Clip clip = Clip.load(CLUSTERS, 1);
    Clip.ClipFragment fragment = clip.fragments.get(2);
    int[] ends = new int[fragment.frames().size()];
    byte[] cluster = Clip.cluster(fragment, 100_000, 1, ends);
    assertThat(ends[ends.length - 1]).isEqualTo(cluster.length);
    assertThat(ends).isSorted();
    List<Long> timecodes = new ArrayList<>();
    MkvParser parser = new MkvParser(event -> {
      if (event instanceof MkvEvent.ClusterStart start) {
        timecodes.add(start.timecode());
      } else if (event instanceof Frame frame) {
        timecodes.add(frame.timecode());
      }
    });
    parser.feed(ByteBuffer.wrap(clip.header));
    parser.feed(ByteBuffer.wrap(cluster));
    assertThat(timecodes).hasSize(1 + fragment.frames().size());
    assertThat(timecodes.get(0)).isEqualTo(100_000);
    assertThat(timecodes.get(timecodes.size() - 1))
        .isEqualTo(100_000 + fragment.frames().get(fragment.frames().size() - 1).offsetMillis());
  }

  @Test
  void headAndCachedBlocksAreTheRewrittenClusterByteForByte() throws Exception {
    Clip clip = Clip.load(CLUSTERS, 2_000_000);
    for (long timecode : new long[] {0, 1, 255, 100_000, 70_000_000_000L}) {
      for (Clip.ClipFragment fragment : clip.fragments) {
        int[] ends = new int[fragment.frames().size()];
        byte[] cluster = Clip.cluster(fragment, timecode, Clip.TRACK, ends);
        byte[] head = Clip.clusterHead(fragment, timecode);
        byte[] joined = new byte[head.length + fragment.blocks().length];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(fragment.blocks(), 0, joined, head.length, fragment.blocks().length);
        assertThat(joined).isEqualTo(cluster);
        for (int i = 0; i < ends.length; i++) {
          assertThat(head.length + fragment.blockEnds()[i]).isEqualTo(ends[i]);
        }
      }
    }
  }

  private static long bytes(Clip clip) {
    return clip.fragments.stream().flatMap(f -> f.frames().stream()).mapToLong(f -> f.data().length).sum();
  }
}
