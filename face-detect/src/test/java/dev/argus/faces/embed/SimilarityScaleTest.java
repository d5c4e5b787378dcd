package dev.argus.faces.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityScaleTest {

  @Test
  void mapsLinearlyAndClamps() {
    SimilarityScale scale = new SimilarityScale(0.2, 0.7);
    assertThat(scale.similarity(0.2)).isEqualTo(0f);
    assertThat(scale.similarity(0.7)).isEqualTo(100f);
    assertThat(scale.similarity(0.45)).isCloseTo(50f, within(1e-4f));
    assertThat(scale.similarity(-1)).isEqualTo(0f);
    assertThat(scale.similarity(1)).isEqualTo(100f);
    assertThat(scale.cosineFor(80)).isCloseTo(0.6, within(1e-9));
    assertThat(scale.similarity(scale.cosineFor(80))).isCloseTo(80f, within(1e-4f));
  }

  @Test
  void rejectsAnEmptyOrBackwardRange() {
    assertThatThrownBy(() -> new SimilarityScale(0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SimilarityScale(0.5, 0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SimilarityScale(-2, 0.1)).isInstanceOf(IllegalArgumentException.class);
  }
}
