package dev.agora.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.inference.cpu.CpuInferenceEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CPU engine against an independent scalar implementation with another summation order. */
class ReferenceEngineTest {
  private static final int[] PROMPT = {1, 9038, 2501, 263, 931};

  @ParameterizedTest
  @ValueSource(strings = {"demo-tiny", "demo-tiny-unshared", "demo-g128"})
  void prefill_shouldMatchScalarReferenceWithinFloatDrift(final String preset) {
    try (Checkpoint ck = Checkpoint.open(TestModels.checkpoint(preset));
        CpuInferenceEngine cpu = CpuInferenceEngine.create(ck, 2);
        ScalarReferenceEngine ref = new ScalarReferenceEngine(ck)) {
      final int v = ck.config().vocabSize();
      final int[] tokens = new int[24];
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = i == 0 ? 1 : (i * 7919) % (v - 3) + 3;
      }
      final float[][] a = cpu.prefill(tokens);
      final float[][] b = ref.prefill(tokens);
      float worst = 0f;
      for (int p = 0; p < tokens.length; p++) {
        for (int j = 0; j < v; j++) {
          worst = Math.max(worst, Math.abs(a[p][j] - b[p][j]));
        }
      }
      assertTrue(worst < 2e-4f, preset + ": max |Δlogit| " + worst);
    }
  }

  @Test
  void verify_shouldAcceptHonestAnswersOfAnotherImplementation() {
    try (Checkpoint ck = Checkpoint.open(TestModels.checkpoint("demo-g128"));
        CpuInferenceEngine cpu = CpuInferenceEngine.create(ck, 2);
        ScalarReferenceEngine ref = new ScalarReferenceEngine(ck)) {
      final Verifier verifier = new Verifier(cpu, VerifierConfig.defaults());
      for (final Sampling s : new Sampling[] {Sampling.greedy(), Sampling.seeded(1f, 31337)}) {
        final int[] answer = Generator.generate(ref, PROMPT, 40, s, true, null);
        final VerificationResult r = verifier.verify(PROMPT, answer, 40, s);
        assertTrue(r.passed(), s + ": " + r.reason());
      }
      // and the scalar engine reproduces the oracle's first ids too
      final int[] greedy = Generator.generateSteps(ref, PROMPT, 12, Sampling.greedy(), null);
      assertArrayEquals(new int[] {27180, 8138, 3377, 6966, 23796, 25872, 24900, 10272}, greedy);
    }
  }
}
