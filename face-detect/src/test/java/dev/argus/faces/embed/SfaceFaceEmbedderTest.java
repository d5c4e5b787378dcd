package dev.argus.faces.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.faces.model.ModelBytes;
import dev.argus.faces.model.ModelIntegrityException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No SFace model is available to this build: these test the checks that guard it. */
class SfaceFaceEmbedderTest {

  @TempDir
  Path dir;

  @Test
  void refusesAMissingFile() {
    assertThatThrownBy(() -> SfaceFaceEmbedder.open(dir.resolve("sface.onnx"), 1))
        .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("no SFace model");
  }

  @Test
  void refusesAFileThatIsNotAnOfficialSfaceModel() throws IOException {
    byte[] bytes = new byte[4096];
    new Random(1).nextBytes(bytes);
    Path file = Files.write(dir.resolve("sface.onnx"), bytes);
    assertThatThrownBy(() -> SfaceFaceEmbedder.open(file, 1))
        .isInstanceOf(ModelIntegrityException.class)
        .hasMessageContaining(ModelBytes.sha256(bytes))
        .hasMessageContaining("not a verified model");
  }

  @Test
  void refusesTheDetectorModelPassedAsAnEmbedder() throws IOException {
    Path file = Files.write(dir.resolve("yunet.onnx"), ModelBytes.yunet());
    assertThatThrownBy(() -> SfaceFaceEmbedder.open(file, 1)).isInstanceOf(ModelIntegrityException.class);
  }

  @Test
  void refusesAnOversizedFileWithoutReadingItAll() throws IOException {
    Path file = dir.resolve("huge.onnx");
    try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[1]), ModelBytes.DEFAULT_MAX_MODEL_BYTES + 10L);
    }
    assertThatThrownBy(() -> SfaceFaceEmbedder.open(file, 1))
        .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("larger than");
  }

  @Test
  void acceptsExactlyTheFourOfficialDigests() {
    assertThat(SfaceFaceEmbedder.ACCEPTED_SHA256).hasSize(4).allMatch(d -> d.matches("[0-9a-f]{64}"));
    assertThat(SfaceFaceEmbedder.SCALE.similarity(0.363)).isBetween(79f, 82f);
  }
}
