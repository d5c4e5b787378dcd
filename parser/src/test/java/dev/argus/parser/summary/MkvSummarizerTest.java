package dev.argus.parser.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.mkv.Recorder;
import dev.argus.parser.mkv.TrackInfo;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact counts for every capture in testdata/kvs, against the oracles in its README. */
class MkvSummarizerTest {

  private static MkvSummary summarize(String name) {
    return MkvSummarizer.summarize(ByteBuffer.wrap(Recorder.capture(name)));
  }

  @Test
  void outputGetMedia() {
    MkvSummary s = summarize("output_get_media.mkv");
    assertThat(s.segments()).isEqualTo(5);
    assertThat(s.clusters()).isEqualTo(5);
    assertThat(s.blocks()).isEqualTo(300);
    assertThat(s.frames()).isEqualTo(300);
    assertThat(s.keyFrames()).isEqualTo(5);
    assertThat(s.tagNames()).isEqualTo(60);
    assertThat(s.blocksPerTrack()).isEqualTo(Map.of(1L, 300L));
    assertThat(s.truncated()).isFalse();
    assertThat(s.tracks()).singleElement().satisfies(t -> {
      assertThat(t.codecId()).isEqualTo("V_MPEG4/ISO/AVC");
      assertThat(t.pixelWidth()).isEqualTo(640);
      assertThat(t.pixelHeight()).isEqualTo(360);
    });
    assertThat(s.kvsFragments()).hasSize(5).allSatisfy(f -> {
      assertThat(f.fragmentNumber().orElseThrow()).hasSize(47).containsOnlyDigits();
      assertThat(f.serverTimestamp()).isPresent();
      assertThat(f.producerTimestamp()).isPresent();
      assertThat(f.millisBehindNow()).isPresent();
      assertThat(f.continuationToken()).contains(f.fragmentNumber().orElseThrow());
    });
    assertThat(s.kvsFragments().stream().map(f -> f.fragmentNumber().orElseThrow()).toList()).isSorted();
  }

  @Test
  void sparseFragmentsAndTheirMergedGolden() {
    MkvSummary sparse = summarize("output_get_media_sparse_fragments.mkv");
    assertThat(sparse.segments()).isEqualTo(3);
    assertThat(sparse.clusters()).isEqualTo(3);
    assertThat(sparse.blocks()).isEqualTo(180);
    assertThat(sparse.kvsFragments()).hasSize(3);
    assertThat(sparse.clusterTimecodes()).containsExactly(0L, 4000L, 8000L);

    // The golden file's Cluster CRCs are stale (its merger rewrote Timecodes): read it unverified.
    MkvSummarizer unverified = new MkvSummarizer(false);
    unverified.feed(ByteBuffer.wrap(Recorder.capture("output_get_media_sparse_fragments_merged.mkv")));
    MkvSummary merged = unverified.finish();
    assertThat(merged.segments()).isEqualTo(1);
    assertThat(merged.clusters()).isEqualTo(3);
    assertThat(merged.blocks()).isEqualTo(180);
    assertThat(merged.kvsFragments()).extracting(FragmentMetadata::fragmentNumber)
        .isEqualTo(sparse.kvsFragments().stream().map(FragmentMetadata::fragmentNumber).toList());
  }

  @Test
  void rendererExampleOutput() {
    MkvSummary s = summarize("kinesis_video_renderer_example_output.mkv");
    assertThat(s.segments()).isEqualTo(8);
    assertThat(s.clusters()).isEqualTo(8);
    assertThat(s.blocks()).isEqualTo(444);
    assertThat(s.keyFrames()).isEqualTo(8);
    assertThat(s.kvsFragments()).hasSize(8);
    assertThat(s.tracks()).singleElement().extracting(TrackInfo::pixelWidth, TrackInfo::pixelHeight)
        .containsExactly(640, 480);
  }

  @Test
  void producerSideClusters() {
    MkvSummary s = summarize("clusters.mkv");
    assertThat(s.segments()).isEqualTo(1);
    // README: "cluster timecodes 0, 1999, 3999, ... 13997".
    assertThat(s.clusterTimecodes()).hasSize(8).startsWith(0L, 1999L, 3999L).endsWith(13997L).isSorted();
    assertThat(s.blocksPerCluster()).containsExactly(59, 59, 59, 59, 59, 59, 59, 31);
    assertThat(s.blocks()).isEqualTo(444);
    assertThat(s.kvsFragments()).isEmpty();
  }

  @Test
  void bezosVogels() {
    MkvSummary s = summarize("bezos_vogels.mkv");
    assertThat(s.segments()).isEqualTo(1);
    assertThat(s.clusterTimecodes()).containsExactly(834L, 5839L, 5873L, 10878L, 14214L);
    assertThat(s.blocksPerCluster()).containsExactly(150, 1, 150, 100, 145);
    assertThat(s.blocks()).isEqualTo(546);
    assertThat(s.keyFrames()).isEqualTo(3);
    assertThat(s.tracks()).singleElement().extracting(TrackInfo::pixelWidth, TrackInfo::pixelHeight)
        .containsExactly(1280, 720);
  }

  @Test
  void truncatedCaptureCountsEveryCompleteBlock() {
    MkvSummary s = summarize("output-get-media-non-increasing-timecode.mkv");
    assertThat(s.truncated()).isTrue();
    assertThat(s.segments()).isEqualTo(12);
    assertThat(s.clusters()).isEqualTo(12);
    // The README's walker counts 359 block headers; the last block's data is cut off, so 358 are whole.
    assertThat(s.blocks()).isEqualTo(358);
    assertThat(s.clusterTimecodes().subList(0, 3)).containsExactly(10014L, 0L, 1001L);
    assertThat(s.kvsFragments()).hasSize(12);
    assertThat(s.kvsFragments().stream().filter(f -> f.millisBehindNow().isPresent()).count()).isEqualTo(11);
    assertThat(s.kvsFragments().stream().filter(f -> f.continuationToken().isPresent()).count()).isEqualTo(11);
    assertThat(s.tracks()).singleElement().extracting(TrackInfo::pixelWidth, TrackInfo::pixelHeight)
        .containsExactly(960, 720);
  }

  @Test
  void headerAndTagsWithoutCluster() {
    MkvSummary s = summarize("empty-mkv-with-tags.mkv");
    assertThat(s.segments()).isEqualTo(1);
    assertThat(s.clusters()).isZero();
    assertThat(s.blocks()).isZero();
    assertThat(s.tracks()).singleElement().extracting(TrackInfo::pixelWidth, TrackInfo::pixelHeight)
        .containsExactly(960, 720);
    assertThat(s.kvsFragments()).singleElement().satisfies(f -> {
      assertThat(f.fragmentNumber()).isPresent();
      assertThat(f.serverTimestamp()).isPresent();
      assertThat(f.producerTimestamp()).isPresent();
    });
  }

  @Test
  void mixedTags() {
    MkvSummary s = summarize("test_mixed_tags.mkv");
    assertThat(s.segments()).isEqualTo(10);
    assertThat(s.clusters()).isEqualTo(10);
    assertThat(s.blocks()).isEqualTo(100);
    assertThat(s.tracks()).singleElement().extracting(TrackInfo::codecId).isEqualTo("V_MS/VFW/FOURCC");
    List<FragmentMetadata> fragments = s.kvsFragments();
    assertThat(fragments).hasSize(10);
    assertThat(fragments.get(0).producerTimestamp()).contains(Instant.EPOCH);
    assertThat(fragments.get(1).producerTimestamp()).contains(Instant.ofEpochSecond(5));
    assertThat(fragments.get(0).otherTags()).containsEntry("testTag_0", "testTag_0_Value");
  }

  @Test
  void tagsOnly() {
    MkvSummary s = summarize("test_tags_empty_cluster.mkv");
    assertThat(s.bytes()).isEqualTo(426);
    assertThat(s.segments()).isEqualTo(1);
    assertThat(s.clusters()).isZero();
    assertThat(s.tracks()).isEmpty();
    assertThat(s.tagNames()).isPositive();
    assertThat(s.truncated()).isFalse();
  }
}
