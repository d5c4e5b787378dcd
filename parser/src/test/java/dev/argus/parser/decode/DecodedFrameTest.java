package dev.argus.parser.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DecodedFrameTest {

  private final AtomicInteger conversions = new AtomicInteger();
  private final BgrBuffer buffer = new BgrBuffer();
  /** Paints every byte with the conversion count, so each conversion is visible in the pixels. */
  private final DecodedFrame frame = new DecodedFrame(buffer, target -> {
    int n = conversions.incrementAndGet();
    var out = target.writable();
    while (out.hasRemaining()) {
      out.put((byte) n);
    }
  });

  @Test
  void convertsOnFirstPixelAccessOnlyAndOncePerPicture() {
    frame.deliver(8, 4, 40, true, f -> {
      assertThat(f.width()).isEqualTo(8);
      assertThat(f.height()).isEqualTo(4);
      assertThat(f.ptsMs()).isEqualTo(40);
      assertThat(f.keyFrame()).isTrue();
    });
    assertThat(conversions).hasValue(0);
    frame.deliver(8, 4, 80, false, f -> {
      f.bgr();
      f.mat();
      BufferedImage image = f.toBufferedImage();
      assertThat(image.getRGB(7, 3) & 0xffffff).isEqualTo(0x010101);
    });
    assertThat(conversions).hasValue(1);
    frame.deliver(16, 2, 120, false, f -> assertThat(f.bgr().remaining()).isEqualTo(16 * 2 * 3));
    assertThat(conversions).hasValue(2);
  }

  @Test
  void isReleasedWhenTheSinkReturnsOrThrows() {
    AtomicReference<DecodedFrame> escaped = new AtomicReference<>();
    assertThatThrownBy(() -> frame.deliver(8, 4, 0, true, f -> {
      escaped.set(f);
      throw new IllegalArgumentException("sink failed");
    })).hasMessage("sink failed");
    assertThatThrownBy(() -> escaped.get().bgr()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> escaped.get().ptsMs()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> escaped.get().copyTo(new BufferedImage(8, 4,
        BufferedImage.TYPE_3BYTE_BGR))).isInstanceOf(IllegalStateException.class);
    assertThat(conversions).hasValue(0);
  }
}
