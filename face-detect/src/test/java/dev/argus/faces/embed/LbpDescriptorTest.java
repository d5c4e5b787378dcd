package dev.argus.faces.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LbpDescriptorTest {

  @Test
  void thereAre58UniformCodes() {
    int uniform = 0;
    for (int code = 0; code < 256; code++) {
      if (LbpDescriptor.transitions(code) <= 2) {
        uniform++;
      }
    }
    assertThat(uniform).isEqualTo(58);
    assertThat(LbpDescriptor.transitions(0b00001111)).isEqualTo(2);
    assertThat(LbpDescriptor.transitions(0b01010101)).isEqualTo(8);
  }

  @Test
  void isInvariantToAMonotonicBrightnessChange() {
    byte[] gray = noise(48, 3);
    byte[] brighter = new byte[gray.length];
    for (int i = 0; i < gray.length; i++) {
      brighter[i] = (byte) Math.min(255, (gray[i] & 0xff) / 2 + 100); // monotonic, non-decreasing
    }
    float[] a = LbpDescriptor.describe(gray, 48, 4);
    float[] b = LbpDescriptor.describe(brighter, 48, 4);
    assertThat(Vectors.dot(a, b)).isGreaterThan(0.95);
  }

  @Test
  void differentTexturesAreFurtherApartThanTheSameTexture() {
    float[] a = LbpDescriptor.describe(noise(48, 1), 48, 4);
    float[] a2 = LbpDescriptor.describe(noise(48, 1), 48, 4);
    float[] stripes = LbpDescriptor.describe(stripes(48), 48, 4);
    assertThat(Vectors.dot(a, a2)).isCloseTo(1.0, within(1e-5));
    assertThat(Vectors.dot(a, stripes)).isLessThan(0.5);
    assertThat(a).hasSize(LbpDescriptor.length(4));
  }

  private static byte[] noise(int size, long seed) {
    byte[] out = new byte[size * size];
    new Random(seed).nextBytes(out);
    return out;
  }

  private static byte[] stripes(int size) {
    byte[] out = new byte[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        out[y * size + x] = (byte) ((x / 3) % 2 == 0 ? 40 : 200);
      }
    }
    return out;
  }
}
