package dev.argus.parser.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.Recorder;
import dev.argus.parser.summary.MkvSummarizer;
import dev.argus.parser.summary.MkvSummary;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SegmentMergerTest {

  private static byte[] merge(byte[] input, int chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SegmentMerger merger = new SegmentMerger(out);
    for (int p = 0; p < input.length; p += chunk) {
      merger.feed(ByteBuffer.wrap(input, p, Math.min(chunk, input.length - p)));
    }
    SegmentMerger.Result result = merger.finish();
    assertThat(result.truncated()).isFalse();
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096, Integer.MAX_VALUE})
  void sparseFragmentsMergeIntoTheGoldenFile(int chunk) {
    byte[] sparse = Recorder.capture("output_get_media_sparse_fragments.mkv");
    byte[] golden = Recorder.capture("output_get_media_sparse_fragments_merged.mkv");
    byte[] merged = merge(sparse, chunk);
    assertThat(merged).hasSameSizeAs(golden);
    // The golden file keeps the shifted Clusters' stale CRC-32 elements; ours turns each into a
    // Void of the same size. Every other byte is the golden's.
    List<Long> shiftedClusterData = new ArrayList<>();
    List<MkvEvent> events = Recorder.whole(merged, true);
    events.stream().filter(MkvEvent.ClusterStart.class::isInstance).map(MkvEvent.ClusterStart.class::cast)
        .skip(1).forEach(c -> shiftedClusterData.add(c.dataOffset()));
    assertThat(shiftedClusterData).hasSize(2);
    byte[] patched = merged.clone();
    for (long data : shiftedClusterData) {
      int at = (int) data;
      assertThat(java.util.Arrays.copyOfRange(merged, at, at + 6)).containsExactly(0xEC, 0x84, 0, 0, 0, 0);
      assertThat(golden[at]).isEqualTo((byte) 0xBF);
      System.arraycopy(golden, at, patched, at, 6);
    }
    assertThat(patched).isEqualTo(golden);
  }

  @Test
  void mergedOutputKeepsEveryFrameAndFragment() {
    byte[] input = Recorder.capture("output_get_media.mkv");
    byte[] merged = merge(input, 65536);
    MkvSummary before = MkvSummarizer.summarize(ByteBuffer.wrap(input));
    MkvSummary after = MkvSummarizer.summarize(ByteBuffer.wrap(merged));
    assertThat(after.segments()).isEqualTo(1);
    assertThat(after.clusters()).isEqualTo(before.clusters());
    assertThat(after.blocks()).isEqualTo(before.blocks());
    assertThat(after.kvsFragments()).isEqualTo(before.kvsFragments());
    List<Frame> beforeFrames = frames(input);
    List<Frame> afterFrames = frames(merged);
    assertThat(afterFrames).extracting(Frame::data).isEqualTo(beforeFrames.stream().map(Frame::data).toList());
    assertThat(afterFrames).extracting(Frame::timecode).isSorted();
  }

  @Test
  void segmentsWithDifferentTracksStaySeparate() {
    byte[] a = Recorder.capture("output_get_media.mkv");
    byte[] b = Recorder.capture("test_mixed_tags.mkv");
    byte[] input = new byte[a.length + b.length];
    System.arraycopy(a, 0, input, 0, a.length);
    System.arraycopy(b, 0, input, a.length, b.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SegmentMerger merger = new SegmentMerger(out);
    merger.feed(ByteBuffer.wrap(input));
    SegmentMerger.Result result = merger.finish();
    assertThat(result.segmentsIn()).isEqualTo(15);
    assertThat(result.segmentsOut()).isEqualTo(2);
    MkvSummary summary = MkvSummarizer.summarize(ByteBuffer.wrap(out.toByteArray()));
    assertThat(summary.segments()).isEqualTo(2);
    assertThat(summary.blocks()).isEqualTo(400);
  }

  private static List<Frame> frames(byte[] bytes) {
    return Recorder.whole(bytes, true).stream().filter(Frame.class::isInstance).map(Frame.class::cast).toList();
  }
}
