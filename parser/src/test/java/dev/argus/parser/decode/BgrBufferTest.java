package dev.argus.parser.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class BgrBufferTest {

  @Test
  void memoryIsAlignedAndReusedUntilAPictureNeedsMore() {
    try (BgrBuffer buffer = new BgrBuffer()) {
      buffer.ensure(640, 480);
      long address = buffer.pointer().address();
      assertThat(address % BgrBuffer.ALIGNMENT).isZero();
      assertThat(buffer.byteCount()).isEqualTo(640 * 480 * 3);
      buffer.ensure(320, 240);
      assertThat(buffer.pointer().address()).isEqualTo(address);
      assertThat(buffer.view().remaining()).isEqualTo(320 * 240 * 3);
      buffer.ensure(1280, 720);
      assertThat(buffer.pointer().address() % BgrBuffer.ALIGNMENT).isZero();
      assertThat(buffer.writable().remaining()).isEqualTo(1280 * 720 * 3);
    }
  }

  @Test
  void matBufferAndImageShareTheSamePixels() {
    Random random = new Random(3);
    byte[] pixels = new byte[64 * 48 * 3];
    random.nextBytes(pixels);
    try (BgrBuffer buffer = new BgrBuffer()) {
      buffer.ensure(64, 48);
      buffer.writable().put(pixels);
      Mat mat = buffer.mat();
      assertThat(mat.rows()).isEqualTo(48);
      assertThat(mat.cols()).isEqualTo(64);
      assertThat(mat.type()).isEqualTo(opencv_core.CV_8UC3);
      assertThat(mat.step()).isEqualTo(64 * 3);
      byte[] fromMat = new byte[pixels.length];
      mat.data().get(fromMat);
      assertThat(fromMat).isEqualTo(pixels);
      // Writing through the Mat shows in the buffer: one memory, two views.
      mat.ptr(47, 63).put((byte) 7);
      assertThat(buffer.view().get(pixels.length - 3)).isEqualTo((byte) 7);
      BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
      buffer.copyTo(image);
      int i = (10 * 64 + 20) * 3;
      int rgb = (pixels[i + 2] & 0xff) << 16 | (pixels[i + 1] & 0xff) << 8 | pixels[i] & 0xff;
      assertThat(image.getRGB(20, 10) & 0xffffff).isEqualTo(rgb);
      ByteBuffer view = buffer.view();
      assertThat(view.isReadOnly()).isTrue();
    }
  }

  @Test
  void copyToRefusesImagesOfAnotherShape() {
    try (BgrBuffer buffer = new BgrBuffer()) {
      buffer.ensure(64, 48);
      assertThatThrownBy(() -> buffer.copyTo(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> buffer.copyTo(new BufferedImage(48, 64, BufferedImage.TYPE_3BYTE_BGR)))
          .isInstanceOf(IllegalArgumentException.class);
      BufferedImage larger = new BufferedImage(128, 96, BufferedImage.TYPE_3BYTE_BGR);
      assertThatThrownBy(() -> buffer.copyTo(larger.getSubimage(0, 0, 64, 48)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
