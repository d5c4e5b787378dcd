package dev.argus.parser.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.parser.mkv.ElementTooLargeException;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.ParserLimits;
import dev.argus.parser.mkv.Recorder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClusterCutterTest {

  private static final class Collected implements ClusterCutter.Listener {
    final List<StreamHeader> headers = new ArrayList<>();
    final List<ClusterData> clusters = new ArrayList<>();
    final List<MkvEvent.Tags> tags = new ArrayList<>();

    @Override
    public void onHeader(StreamHeader header) {
      headers.add(header);
    }

    @Override
    public void onCluster(ClusterData cluster) {
      clusters.add(cluster);
    }

    @Override
    public void onTags(MkvEvent.Tags event) {
      tags.add(event);
    }
  }

  private static Collected cut(byte[] bytes, int chunk) {
    Collected collected = new Collected();
    ClusterCutter cutter = new ClusterCutter(collected);
    for (int p = 0; p < bytes.length; p += chunk) {
      cutter.feed(ByteBuffer.wrap(bytes, p, Math.min(chunk, bytes.length - p)));
    }
    cutter.finish();
    return collected;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1000, 65536, Integer.MAX_VALUE})
  void getMediaCaptureIsCutIntoHeadersAndRawClusters(int chunk) {
    byte[] bytes = Recorder.capture("output_get_media.mkv");
    Collected c = cut(bytes, chunk);
    assertThat(c.headers).hasSize(5);
    assertThat(c.clusters).hasSize(5);
    assertThat(c.tags).hasSize(15);
    // Every Segment of the capture has the same header.
    assertThat(c.headers).allMatch(h -> h.sameAs(c.headers.get(0)));
    List<MkvEvent> events = Recorder.whole(bytes, true);
    List<MkvEvent.ClusterEnd> ends = events.stream().filter(MkvEvent.ClusterEnd.class::isInstance)
        .map(MkvEvent.ClusterEnd.class::cast).toList();
    for (int i = 0; i < 5; i++) {
      ClusterData cluster = c.clusters.get(i);
      assertThat(cluster.bytes()).isEqualTo(
          Arrays.copyOfRange(bytes, (int) cluster.startOffset(), (int) ends.get(i).endOffset()));
      assertThat(cluster.frames()).hasSize(60);
      assertThat(cluster.startsWithKeyFrame()).isTrue();
      assertThat(cluster.durationTicks()).isPositive();
      // Header + cluster is a stream of its own, with the same frames.
      byte[] alone = concat(c.headers.get(i).bytes(), cluster.bytes());
      List<Frame> frames = Recorder.whole(alone, true).stream().filter(Frame.class::isInstance)
          .map(Frame.class::cast).toList();
      assertThat(frames).extracting(Frame::timecode)
          .isEqualTo(cluster.frames().stream().map(ClusterData.FrameInfo::timecode).toList());
    }
    StreamHeader header = c.headers.get(0);
    assertThat(header.tracks()).singleElement().satisfies(t -> assertThat(t.pixelWidth()).isEqualTo(640));
    assertThat(header.info().timecodeScale()).isEqualTo(1_000_000);
  }

  @Test
  void truncatedLastClusterIsNotReported() {
    byte[] bytes = Recorder.capture("output-get-media-non-increasing-timecode.mkv");
    Collected collected = new Collected();
    ClusterCutter cutter = new ClusterCutter(collected);
    cutter.feed(ByteBuffer.wrap(bytes));
    assertThat(cutter.finish().truncated()).isTrue();
    assertThat(collected.headers).hasSize(12);
    assertThat(collected.clusters).hasSize(11);
  }

  @Test
  void clustersOverTheLimitAreRefused() {
    byte[] bytes = Recorder.capture("bezos_vogels.mkv");
    ClusterCutter cutter = new ClusterCutter(new Collected(), ParserLimits.DEFAULT, 300_000);
    assertThatThrownBy(() -> {
      for (int p = 0; p < bytes.length; p += 4096) {
        cutter.feed(ByteBuffer.wrap(bytes, p, Math.min(4096, bytes.length - p)));
      }
    }).isInstanceOf(ElementTooLargeException.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
