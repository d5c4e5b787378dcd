package dev.argus.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.producer.fragment.Packet;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;

class H264EncoderTest {

  @Test
  void encodesEveryFrameWithKeyFramesWhereAskedAndAvccOutput() throws Exception {
    List<ByteBuffer> frames = YuvFrames.generate(320, 240, 40);
    List<Packet> out = new ArrayList<>();
    try (H264Encoder encoder = new H264Encoder(320, 240, 30, 1_000_000, 1000)) {
      byte[] config = encoder.track().codecPrivate();
      assertThat(config[0]).isEqualTo((byte) 1);
      assertThat(encoder.track().codecId()).isEqualTo(VideoTrack.H264);
      for (int i = 0; i < frames.size(); i++) {
        long micros = 1_764_000_000_000_000L + i * 33_333L;
        out.addAll(encoder.encode(new BytePointer(frames.get(i)), 320, micros, i == 0 || i == 17 || i == 31));
      }
      out.addAll(encoder.flush());
    }
    assertThat(out).hasSize(40);
    assertThat(out).filteredOn(Packet::key).extracting(p -> (p.ptsMicros() - 1_764_000_000_000_000L) / 33_333L)
        .containsExactly(0L, 17L, 31L);
    for (int i = 1; i < out.size(); i++) {
      assertThat(out.get(i).ptsMicros()).isGreaterThan(out.get(i - 1).ptsMicros());
    }
    assertThat(out).allSatisfy(p -> assertThat(SourcesTest.lengthsCoverSample(p.data())).isTrue());
    assertThat(AvcFormat.nalType(AvcFormat.splitAvcc(out.get(17).data()).stream()
        .filter(u -> AvcFormat.nalType(u) == AvcFormat.NAL_IDR).findFirst().orElseThrow())).isEqualTo(AvcFormat.NAL_IDR);
  }
}
