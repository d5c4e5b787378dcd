package dev.argus.parser.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class DecoderConfigTest {

  @Test
  void keepsItsOwnCopyOfTheCodecPrivate() {
    byte[] avcc = {1, 100, 0, 31, -1};
    ByteBuffer source = ByteBuffer.wrap(avcc);
    source.position(1);
    DecoderConfig config = new DecoderConfig(VideoCodec.H264, source, 1280, 720);
    avcc[2] = 99;
    assertThat(config.codecPrivateBytes()).containsExactly(100, 0, 31, -1);
    assertThat(source.position()).isEqualTo(1);
    ByteBuffer view = config.codecPrivate();
    assertThat(view.position()).isZero();
    assertThat(view.remaining()).isEqualTo(4);
    view.get();
    assertThat(config.codecPrivate().position()).isZero();
    assertThatThrownBy(() -> config.codecPrivate().put((byte) 0))
        .isInstanceOf(ReadOnlyBufferException.class);
  }

  @Test
  void equalConfigsAreEqual() {
    assertThat(DecoderConfig.h264(new byte[] {1, 2}, 640, 480))
        .isEqualTo(DecoderConfig.h264(new byte[] {1, 2}, 640, 480))
        .isNotEqualTo(DecoderConfig.h264(new byte[] {1, 3}, 640, 480))
        .isNotEqualTo(DecoderConfig.h264(new byte[] {1, 2}, 640, 482));
  }

  @Test
  void rejectsMissingValuesAndOutOfRangeSizes() {
    ByteBuffer empty = ByteBuffer.allocate(0);
    int max = FrameDecoder.DEFAULT_MAX_DIMENSION;
    assertThatThrownBy(() -> new DecoderConfig(null, empty, 640, 480))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DecoderConfig(VideoCodec.H264, null, 640, 480))
        .isInstanceOf(IllegalArgumentException.class);
    for (int[] size : new int[][] {{0, 480}, {640, 0}, {-1, 480}, {max + 1, 480}, {640, max + 1}}) {
      assertThatThrownBy(() -> new DecoderConfig(VideoCodec.H264, empty, size[0], size[1]))
          .as("%dx%d", size[0], size[1]).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(new DecoderConfig(VideoCodec.H265, empty, max, max).width()).isEqualTo(max);
    ByteBuffer huge = ByteBuffer.allocate(FrameDecoder.DEFAULT_MAX_CODEC_PRIVATE_BYTES + 1);
    assertThatThrownBy(() -> new DecoderConfig(VideoCodec.H264, huge, 640, 480))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
