package dev.argus.producer.mkv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.TrackInfo;
import dev.argus.producer.buffer.EncodedFragment;
import dev.argus.producer.fragment.Fragment;
import dev.argus.producer.fragment.Packet;
import dev.argus.producer.source.VideoTrack;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MkvPackagingTest {

  @Test
  void headerAndClustersReadBackThroughTheParser() {
    VideoTrack track = new VideoTrack(VideoTrack.H264, new byte[] {1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe0, 0}, 640, 480);
    Random random = new Random(3);
    long base = 1_764_000_000_000_000L;
    List<Fragment> fragments = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      List<Packet> frames = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        byte[] data = new byte[1 + random.nextInt(500)];
        random.nextBytes(data);
        long pts = base + (f * 20 + i) * 33_333L;
        frames.add(new Packet(1, pts, pts, i == 0, data));
      }
      fragments.add(new Fragment(f, Math.floorDiv(frames.get(0).ptsMicros(), 1000), frames));
    }
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes(MkvPackaging.header(track));
    List<EncodedFragment> encoded = fragments.stream().map(MkvPackaging::encode).toList();
    encoded.forEach(e -> stream.writeBytes(e.cluster()));

    List<MkvEvent> events = new ArrayList<>();
    List<byte[]> frames = new ArrayList<>();
    List<Long> clusterTimecodes = new ArrayList<>();
    MkvParser.parse(ByteBuffer.wrap(stream.toByteArray()), event -> {
      events.add(event);
      if (event instanceof MkvEvent.ClusterStart c) {
        clusterTimecodes.add(c.timecode());
      }
      if (event instanceof MkvEvent.Tracks t) {
        TrackInfo video = t.tracks().get(0);
        assertThat(video.codecId()).isEqualTo(VideoTrack.H264);
        assertThat(video.codecPrivate()).isEqualTo(track.codecPrivate());
      }
      if (event instanceof dev.argus.parser.mkv.Frame frame) {
        frames.add(frame.bytes());
      }
    });
    assertThat(clusterTimecodes).containsExactlyElementsOf(encoded.stream().map(EncodedFragment::timecodeMillis).toList());
    assertThat(frames).hasSize(60);
    assertThat(frames.get(21)).isEqualTo(fragments.get(1).frames().get(1).data());
    assertThat(encoded.get(2).frameCount()).isEqualTo(20);
  }

  @Test
  void streamedFragmentsReadBackFrameForFrameLikeWholeOnes() {
    Random random = new Random(4);
    long base = 1_764_000_000_000_000L;
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    byte[] header = MkvPackaging.header(
        new VideoTrack(VideoTrack.H264, new byte[] {1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe0, 0}, 640, 480));
    whole.writeBytes(header);
    streamed.writeBytes(header);
    for (int f = 0; f < 3; f++) {
      List<Packet> frames = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        byte[] data = new byte[1 + random.nextInt(500)];
        random.nextBytes(data);
        long pts = base + (f * 20 + i) * 33_333L;
        frames.add(new Packet(1, pts, pts, i == 0, data));
      }
      Fragment fragment = new Fragment(f, Math.floorDiv(frames.get(0).ptsMicros(), 1000), frames);
      whole.writeBytes(MkvPackaging.encode(fragment).cluster());
      streamed.writeBytes(MkvPackaging.clusterStart(fragment.timecodeMillis()));
      frames.forEach(p -> streamed.writeBytes(MkvPackaging.block(fragment.timecodeMillis(), p)));
    }
    assertThat(framesOf(streamed.toByteArray())).hasSize(3 * 22).isEqualTo(framesOf(whole.toByteArray()));
  }

  /** Cluster timecodes and each frame's timecode, key flag and bytes, in order. */
  private static List<String> framesOf(byte[] clusters) {
    List<String> out = new ArrayList<>();
    MkvParser.parse(ByteBuffer.wrap(clusters), event -> {
      if (event instanceof MkvEvent.ClusterStart c) {
        out.add("cluster " + c.timecode());
      } else if (event instanceof MkvEvent.ClusterEnd) {
        out.add("end");
      } else if (event instanceof dev.argus.parser.mkv.Frame frame) {
        out.add(frame.timecode() + " " + frame.keyFrame() + " " + java.util.Arrays.toString(frame.bytes()));
      }
    });
    return out;
  }
}
