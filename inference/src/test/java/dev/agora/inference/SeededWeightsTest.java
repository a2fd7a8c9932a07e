package dev.agora.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SeededWeightsTest {

  @Test
  void raw_shouldMatchPublishedFirstFloatsWhenSeed42Amp017() {
    final float[] expected = {
      0.08213205635547638f, -0.11563047021627426f, -0.07527562230825424f, -0.05297517776489258f
    };
    for (int k = 0; k < 4; k++) {
      assertEquals(expected[k], SeededWeights.raw(42, 0.17f, k));
    }
  }

  @Test
  void writeTo_shouldProducePublishedMd5WhenPresetIsDemo15m() throws Exception {
    final Path p = TestModels.checkpoint("demo-15m");
    assertEquals(60_816_028L, Files.size(p));
    assertEquals("66c3078e3bc34c5743e1fbc6f3b8e14b", OracleTest.md5(p));
  }

  @Test
  void coin_shouldBeTheRecipeGeneratorIndexedByPosition() {
    // the sampler coin is the recipe's uniform draw: u_i = uniform(seed, i)
    final float u0 = Sampler.coin(42, 0);
    assertEquals(0.08213205635547638f, (2f * u0 - 1f) * 0.17f);
    for (int i = 0; i < 1000; i++) {
      final float u = Sampler.coin(123456789L, i);
      assertEquals(u, (float) (SeededWeights.mix(123456789L + (i + 1) * SeededWeights.GAMMA) >>> 40)
          / (1 << 24));
      assertEquals(true, u >= 0f && u < 1f);
    }
  }
}
