package dev.argus.faces.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.faces.testing.TestImages;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {

  @Test
  void decodesJpegAndPngToBgr() {
    try (Mat jpeg = ImageDecoder.decode(TestImages.bytes("grace_hopper.jpg"));
         Mat png = ImageDecoder.decode(TestImages.bytes("astronaut.png"))) {
      assertThat(jpeg.cols()).isEqualTo(512);
      assertThat(jpeg.rows()).isEqualTo(600);
      assertThat(jpeg.channels()).isEqualTo(3);
      assertThat(png.cols()).isEqualTo(512);
      assertThat(png.rows()).isEqualTo(512);
      assertThat(png.channels()).isEqualTo(3);
    }
  }

  @Test
  void readsTheDeclaredSizeFromTheHeaders() {
    assertThat(ImageHeader.read(TestImages.bytes("grace_hopper.jpg"))).isEqualTo(new ImageHeader("JPEG", 512, 600));
    assertThat(ImageHeader.read(TestImages.bytes("astronaut.png"))).isEqualTo(new ImageHeader("PNG", 512, 512));
  }

  @Test
  void refusesMoreThanFiveMegabytes() {
    byte[] big = Arrays.copyOf(TestImages.bytes("grace_hopper.jpg"), ImageDecoder.DEFAULT_MAX_IMAGE_BYTES + 1);
    assertThatThrownBy(() -> ImageDecoder.decode(big)).isInstanceOf(ImageTooLargeException.class);
  }

  @Test
  void refusesAHeaderClaimingAHugeCanvas() {
    byte[] png = TestImages.bytes("astronaut.png").clone();
    png[16] = 0x00; png[17] = 0x01; png[18] = 0x00; png[19] = 0x00; // width 65536
    png[20] = 0x00; png[21] = 0x01; png[22] = 0x00; png[23] = 0x00; // height 65536
    assertThatThrownBy(() -> ImageDecoder.decode(png)).isInstanceOf(ImageTooLargeException.class);
  }

  @Test
  void refusesOtherFormats() {
    byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> ImageDecoder.decode(gif)).isInstanceOf(InvalidImageFormatException.class);
    assertThatThrownBy(() -> ImageDecoder.decode(new byte[0])).isInstanceOf(InvalidImageFormatException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 1000, 20000})
  void truncatedImagesAreInvalidNotCrashes(int keep) {
    byte[] cut = Arrays.copyOf(TestImages.bytes("astronaut.png"), keep);
    assertThatThrownBy(() -> ImageDecoder.decode(cut)).isInstanceOf(InvalidImageFormatException.class);
  }

  @Test
  void randomGarbageIsRejectedCleanly() {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] garbage = new byte[random.nextInt(2000)];
      random.nextBytes(garbage);
      if (i % 2 == 0 && garbage.length > 4) { // half pretend to be a JPEG
        garbage[0] = (byte) 0xff;
        garbage[1] = (byte) 0xd8;
      }
      try {
        ImageDecoder.decode(garbage).close();
      } catch (InvalidImageFormatException | ImageTooLargeException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
