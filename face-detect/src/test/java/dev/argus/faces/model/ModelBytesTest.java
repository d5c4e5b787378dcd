package dev.argus.faces.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelBytesTest {

  @Test
  void theShippedYunetModelVerifies() {
    byte[] model = ModelBytes.yunet();
    assertThat(model).hasSize(232589);
    assertThat(ModelBytes.sha256(model)).isEqualTo(ModelBytes.YUNET_SHA256);
  }

  @Test
  void oneChangedByteIsRefused() {
    byte[] model = ModelBytes.yunet().clone();
    model[model.length / 2] ^= 1;
    assertThatThrownBy(() -> ModelBytes.verify("tampered.onnx", model, Set.of(ModelBytes.YUNET_SHA256)))
        .isInstanceOf(ModelIntegrityException.class)
        .hasMessageContaining("tampered.onnx")
        .hasMessageContaining("not a verified model");
  }

  @Test
  void sha256MatchesAKnownVector() {
    assertThat(ModelBytes.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
