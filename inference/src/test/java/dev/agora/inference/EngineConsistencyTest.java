package dev.agora.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.inference.cpu.CpuInferenceEngine;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EngineConsistencyTest {

  private static int[] randomTokens(final int n, final int vocab, final long seed) {
    final Random r = new Random(seed);
    final int[] t = new int[n];
    t[0] = Sampler.BOS;
    for (int i = 1; i < n; i++) {
      t[i] = 3 + r.nextInt(vocab - 3);
    }
    return t;
  }

  private static float maxAbsDiff(final float[] a, final float[] b) {
    float m = 0f;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo-tiny", "demo-tiny-unshared", "demo-g128"})
  void prefill_shouldMatchDecodeLogitsWhenSameTokens(final String preset) {
    try (CpuInferenceEngine one = CpuInferenceEngine.open(TestModels.checkpoint(preset), 1);
        CpuInferenceEngine three = CpuInferenceEngine.open(TestModels.checkpoint(preset), 3)) {
      final ModelConfig c = one.config();
      final int[] tokens = randomTokens(37, c.vocabSize(), 5);
      final float[][] pre = three.prefill(tokens);
      assertEquals(tokens.length, pre.length);
      try (InferenceEngine.Session s = one.newSession()) {
        for (int i = 0; i < tokens.length; i++) {
          final float[] dec = s.forward(tokens[i]);
          assertEquals(c.vocabSize(), dec.length);
          assertTrue(maxAbsDiff(dec, pre[i]) < 1e-4f, preset + " position " + i + " diff "
              + maxAbsDiff(dec, pre[i]));
        }
        assertEquals(tokens.length, s.position());
      }
      final float[][] tail = three.prefill(tokens, 30);
      assertEquals(7, tail.length);
      assertArrayEquals(pre[30], tail[0]);
      assertArrayEquals(pre[36], tail[6]);
    }
  }

  @Test
  void prefill_shouldRejectBadInputWithClearErrors() {
    try (CpuInferenceEngine e = CpuInferenceEngine.open(TestModels.checkpoint("demo-tiny"), 1)) {
      assertThrows(IllegalArgumentException.class, () -> e.prefill(new int[0]));
      assertTrue(assertThrows(IllegalArgumentException.class, () -> e.prefill(new int[] {1, 512}))
          .getMessage().contains("outside the vocabulary"));
      assertThrows(IllegalArgumentException.class, () -> e.prefill(new int[] {1, 5}, 2));
      assertTrue(assertThrows(IllegalArgumentException.class,
          () -> e.prefill(new int[e.config().seqLen() + 1])).getMessage().contains("seq_len"));
      try (InferenceEngine.Session s = e.newSession()) {
        assertThrows(IllegalArgumentException.class, () -> s.forward(-1));
        assertEquals(0, s.position());
      }
    }
  }

  @Test
  void session_shouldFailWhenContextIsFull() {
    try (CpuInferenceEngine e = CpuInferenceEngine.open(TestModels.checkpoint("demo-tiny"), 2);
        InferenceEngine.Session s = e.newSession()) {
      for (int i = 0; i < e.config().seqLen(); i++) {
        s.forward(3 + i % 100);
      }
      assertTrue(assertThrows(IllegalStateException.class, () -> s.forward(3)).getMessage()
          .contains("context full"));
    }
  }

  @Test
  void generate_shouldGiveSameTokensWhenThreadCountDiffers() {
    final int[] prompt = {1, 40, 41, 42};
    int[] first = null;
    for (final int threads : new int[] {1, 2, 4}) {
      try (CpuInferenceEngine e =
          CpuInferenceEngine.open(TestModels.checkpoint("demo-tiny-unshared"), threads)) {
        final int[] got = Generator.generate(e, prompt, 60, Sampling.seeded(1.0f, 99), true, null);
        if (first == null) {
          first = got;
        } else {
          assertArrayEquals(first, got, "threads=" + threads);
        }
      }
    }
  }
}
