package dev.argus.parser.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

class BgrConverterTest {

  @Test
  void knowsWhichFormatsItCanConvert() {
    assertThat(BgrConverter.canConvert(AV_PIX_FMT_YUV420P)).isTrue();
    assertThat(BgrConverter.canConvert(AV_PIX_FMT_NONE)).isFalse();
    assertThat(BgrConverter.canConvert(100_000)).isFalse();
  }

  @Test
  void convertsAFlatYuvPictureToTheExpectedGrey() throws DecoderFailedException {
    AVFrame yuv = av_frame_alloc();
    try (BgrConverter converter = BgrConverter.create(2); BgrBuffer target = new BgrBuffer()) {
      yuv.width(64).height(32).format(AV_PIX_FMT_YUV420P);
      assertThat(av_frame_get_buffer(yuv, 0)).isZero();
      // Limited-range mid grey: Y = 126, U = V = 128 (no colour) is RGB 128 in full range.
      fill(yuv, 0, 126, 32);
      fill(yuv, 1, 128, 16);
      fill(yuv, 2, 128, 16);
      target.ensure(64, 32);
      converter.convert(yuv, target);
      var pixels = target.view();
      int min = 255;
      int max = 0;
      while (pixels.hasRemaining()) {
        int v = pixels.get() & 0xff;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertThat(min).isBetween(125, 131);
      assertThat(max).isBetween(125, 131);
    } finally {
      av_frame_free(yuv);
    }
  }

  private static void fill(AVFrame frame, int plane, int value, int rows) {
    int stride = frame.linesize(plane);
    var data = frame.data(plane).capacity((long) stride * rows);
    for (long i = 0; i < (long) stride * rows; i++) {
      data.put(i, (byte) value);
    }
  }
}
