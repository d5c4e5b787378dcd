package dev.argus.app.mkv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.app.CliRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MkvFramesCommandTest {

  private static Path capture(String name) {
    return Path.of(System.getProperty("argus.testdata"), "kvs", name);
  }

  private static List<Path> jpegs(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void writesEveryNthPictureOfTheCaptureAsJpeg(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("frames");
    CliRun result = CliRun.of("mkv", "frames", capture("bezos_vogels.mkv").toString(),
        "--out", out.toString(), "--every", "100");
    assertThat(result.exit()).as(result.err()).isEqualTo(0);
    assertThat(result.out()).contains("wrote 6 JPEGs").contains("546 pictures")
        .contains("0 packets skipped");
    List<Path> files = jpegs(out);
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
        "frame-000000.jpg", "frame-000100.jpg", "frame-000200.jpg", "frame-000300.jpg",
        "frame-000400.jpg", "frame-000500.jpg");
    BufferedImage first = ImageIO.read(files.get(0).toFile());
    assertThat(first.getWidth()).isEqualTo(1280);
    assertThat(first.getHeight()).isEqualTo(720);
    // The orange backdrop right of the speaker survives decoding, BGR and JPEG.
    int rgb = first.getRGB(1100, 400);
    assertThat(rgb >> 16 & 0xff).isGreaterThan(170);
    assertThat(rgb & 0xff).isLessThan(100);
  }

  @Test
  void decodesEverySegmentOfAGetMediaCaptureWithJcodec(@TempDir Path dir) throws IOException {
    CliRun result = CliRun.of("mkv", "frames", capture("output_get_media.mkv").toString(),
        "--out", dir.toString(), "--every", "60", "--decoder", "jcodec");
    assertThat(result.exit()).as(result.err()).isEqualTo(0);
    assertThat(result.out()).contains("wrote 5 JPEGs").contains("300 pictures");
    assertThat(jpegs(dir)).hasSize(5).allSatisfy(p ->
        assertThat(ImageIO.read(p.toFile()).getWidth()).isEqualTo(640));
  }

  @Test
  void refusesANonPositiveStep(@TempDir Path dir) {
    CliRun result = CliRun.of("mkv", "frames", capture("bezos_vogels.mkv").toString(),
        "--out", dir.toString(), "--every", "0");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--every must be at least 1");
  }

  @Test
  void aFileWithoutVideoFailsWithOneLine(@TempDir Path dir) {
    CliRun result = CliRun.of("mkv", "frames", capture("test_mixed_tags.mkv").toString(),
        "--out", dir.toString());
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("has no H.264 or H.265 video track");
  }

  @Test
  void garbageFailsWithOneLine(@TempDir Path dir) throws IOException {
    Path garbage = dir.resolve("garbage.mkv");
    Files.write(garbage, new byte[] {0x00, 0x01, 0x02, 0x03});
    CliRun result = CliRun.of("mkv", "frames", garbage.toString(), "--out", dir.resolve("o").toString());
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("bad element ID");
  }
}
