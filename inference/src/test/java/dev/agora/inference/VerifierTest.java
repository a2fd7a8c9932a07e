package dev.agora.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.inference.cpu.CpuInferenceEngine;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VerifierTest {
  private static final int N = 96;
  private static final int[] PROMPT = {1, 9038, 2501, 263, 931, 17, 444};
  private static final ModelSpec SPEC = DemoModels.preset("demo-g128");
  private static CpuInferenceEngine validatorEngine;
  private static Verifier verifier;

  @BeforeAll
  static void setUp() {
    validatorEngine = CpuInferenceEngine.open(TestModels.checkpoint(SPEC), 2);
    verifier = new Verifier(validatorEngine, VerifierConfig.defaults());
  }

  @AfterAll
  static void tearDown() {
    validatorEngine.close();
  }

  private static int[] answerFrom(final Path model, final int[] prompt, final Sampling s) {
    try (CpuInferenceEngine miner = CpuInferenceEngine.open(model, 1)) {
      return Generator.generate(miner, prompt, N, s, true, null);
    }
  }

  /** The same model with every stored weight passed through {@code f}; norms and RoPE untouched. */
  private static Path transformed(final String name, final WeightMap f) {
    final Path out = TestModels.dir().resolve("g128-" + name + ".bin");
    try (Checkpoint src = Checkpoint.open(TestModels.checkpoint(SPEC))) {
      final TensorSource copy = TensorSource.of(src);
      CheckpointWriter.write(out, SPEC.config(), (t, layer, from, dst, len) -> {
        copy.fill(t, layer, from, dst, len);
        f.apply(t, dst, len, src, layer);
      });
    }
    return out;
  }

  @FunctionalInterface
  private interface WeightMap {
    void apply(Tensor t, float[] dst, int len, Checkpoint src, int layer);
  }

  private static void assertRejectedEarly(final VerificationResult r) {
    assertFalse(r.passed(), r.reason());
    assertTrue(r.firstFailure().isPresent());
    assertTrue(r.violations() >= 1);
  }

  @Test
  void verify_shouldAcceptHonestGreedyAnswerFromOtherThreadCount() {
    final int[] answer = answerFrom(TestModels.checkpoint(SPEC), PROMPT, Sampling.greedy());
    final VerificationResult r = verifier.verify(PROMPT, answer, N, Sampling.greedy());
    assertTrue(r.passed(), r.reason());
    assertEquals(N, r.positions().size());
    assertEquals(0, r.violations());
    assertTrue(r.maxMargin() <= VerifierConfig.DEFAULT_TAU);
  }

  @Test
  void verify_shouldAcceptHonestSeededAnswers() {
    for (final float t : new float[] {1.0f, 0.7f}) {
      final Sampling s = Sampling.seeded(t, 0xC0FFEEL + (long) (t * 10));
      final int[] answer = answerFrom(TestModels.checkpoint(SPEC), PROMPT, s);
      final VerificationResult r = verifier.verify(PROMPT, answer, N, s);
      assertTrue(r.passed(), r.reason());
      for (final PositionResult p : r.positions()) {
        assertEquals(p.token(), p.validatorToken());
      }
    }
  }

  @Test
  void verify_shouldRejectRandomTokensAtPositionZero() {
    final Random rnd = new Random(1);
    final int[] answer = new int[N];
    for (int i = 0; i < N; i++) {
      answer[i] = 3 + rnd.nextInt(31997);
    }
    final VerificationResult r = verifier.verify(PROMPT, answer, N, Sampling.greedy());
    assertRejectedEarly(r);
    assertEquals(0, r.firstFailure().getAsInt());
    assertTrue(r.violations() > N / 2);
    final VerificationResult s = verifier.verify(PROMPT, answer, N, Sampling.seeded(1f, 5));
    assertRejectedEarly(s);
  }

  @Test
  void verify_shouldRejectAnswerFromModelWithAnotherSeed() {
    final ModelSpec other = new ModelSpec("g128-seed4", SPEC.config(), 4, SPEC.amp());
    final Path p = TestModels.checkpoint(other);
    assertRejectedEarly(verifier.verify(PROMPT, answerFrom(p, PROMPT, Sampling.greedy()), N,
        Sampling.greedy()));
    final Sampling s = Sampling.seeded(1f, 77);
    assertRejectedEarly(verifier.verify(PROMPT, answerFrom(p, PROMPT, s), N, s));
  }

  @Test
  void verify_shouldRejectAnswerFromHalfTheLayers() {
    final ModelConfig c = SPEC.config();
    final ModelConfig half = new ModelConfig(c.dim(), c.hiddenDim(), 1, c.heads(), c.kvHeads(),
        c.vocabSize(), c.seqLen(), true);
    final Path out = TestModels.dir().resolve("g128-half.bin");
    try (Checkpoint src = Checkpoint.open(TestModels.checkpoint(SPEC))) {
      CheckpointWriter.write(out, half, TensorSource.of(src));
    }
    final VerificationResult r =
        verifier.verify(PROMPT, answerFrom(out, PROMPT, Sampling.greedy()), N, Sampling.greedy());
    assertRejectedEarly(r);
    assertEquals(0, r.firstFailure().getAsInt());
  }

  @Test
  void verify_shouldRejectInt8RoundedWeights() {
    final Path p = transformed("int8", (t, dst, len, src, layer) -> {
      if (isMatrix(t)) {
        final int cols = t.cols(SPEC.config());
        for (int row = 0; row < len; row += cols) {
          float max = 0f;
          for (int j = row; j < row + cols; j++) {
            max = Math.max(max, Math.abs(dst[j]));
          }
          final float scale = max / 127f;
          for (int j = row; j < row + cols; j++) {
            dst[j] = Math.round(dst[j] / scale) * scale;
          }
        }
      }
    });
    assertRejectedEarly(verifier.verify(PROMPT, answerFrom(p, PROMPT, Sampling.greedy()), N,
        Sampling.greedy()));
  }

  @Test
  void verify_shouldRejectBf16RoundedWeights() {
    final Path p = transformed("bf16", (t, dst, len, src, layer) -> {
      if (isMatrix(t)) {
        for (int j = 0; j < len; j++) {
          final int bits = Float.floatToRawIntBits(dst[j]);
          final int rounded = (bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000;
          dst[j] = Float.intBitsToFloat(rounded);
        }
      }
    });
    assertRejectedEarly(verifier.verify(PROMPT, answerFrom(p, PROMPT, Sampling.greedy()), N,
        Sampling.greedy()));
  }

  private static boolean isMatrix(final Tensor t) {
    return switch (t) {
      case RMS_ATT, RMS_FFN, RMS_FINAL, FREQ_CIS_REAL, FREQ_CIS_IMAG -> false;
      default -> true;
    };
  }

  @Test
  void verify_shouldRejectCachedAnswerForAnotherPromptOrSeed() {
    final int[] otherPrompt = {1, 9038, 2501, 263, 931, 17, 445};
    final int[] cached = answerFrom(TestModels.checkpoint(SPEC), otherPrompt, Sampling.greedy());
    assertRejectedEarly(verifier.verify(PROMPT, cached, N, Sampling.greedy()));
    final int[] seeded = answerFrom(TestModels.checkpoint(SPEC), PROMPT, Sampling.seeded(1f, 1));
    final VerificationResult r = verifier.verify(PROMPT, seeded, N, Sampling.seeded(1f, 2));
    assertRejectedEarly(r);
    assertTrue(r.firstFailure().getAsInt() < 8, r.reason());
  }

  @Test
  void verify_shouldFailWrongLengthAndSuppressedTokens() {
    final int[] answer = answerFrom(TestModels.checkpoint(SPEC), PROMPT, Sampling.greedy());
    final VerificationResult shortR = verifier.verify(PROMPT,
        java.util.Arrays.copyOf(answer, N - 1), N, Sampling.greedy());
    assertFalse(shortR.passed());
    assertTrue(shortR.reason().contains("wrong length"));
    final int[] withEos = answer.clone();
    withEos[10] = Sampler.EOS;
    final VerificationResult eos = verifier.verify(PROMPT, withEos, N, Sampling.greedy());
    assertFalse(eos.passed());
    assertTrue(eos.reason().contains("suppressed"));
    final int[] outOfVocab = answer.clone();
    outOfVocab[3] = 32000;
    assertFalse(verifier.verify(PROMPT, outOfVocab, N, Sampling.greedy()).passed());
  }
}
