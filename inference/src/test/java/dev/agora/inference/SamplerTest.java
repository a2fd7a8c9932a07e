package dev.agora.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplerTest {

  @Test
  void argmax_shouldPickLowestIdWhenTied() {
    assertEquals(1, Sampler.argmax(new float[] {0f, 3f, 1f, 3f}));
    assertEquals(0, Sampler.argmax(new float[] {2f, 2f}));
  }

  @Test
  void sampleCdf_shouldWalkIdOrderWhenChoosing() {
    final float[] p = {0.1f, 0.5f, 0.4f};
    assertEquals(0, Sampler.sampleCdf(p, 0.05f));
    assertEquals(1, Sampler.sampleCdf(p, 0.1f)); // CDF(0) = 0.1 is not > 0.1
    assertEquals(1, Sampler.sampleCdf(p, 0.59f));
    assertEquals(2, Sampler.sampleCdf(p, 0.61f));
    assertEquals(2, Sampler.sampleCdf(p, 0.9999999f));
  }

  @Test
  void probabilities_shouldApplyTemperatureAndSumToOne() {
    final float[] p = Sampler.probabilities(new float[] {0f, (float) Math.log(2)}, 1f);
    assertEquals(1f / 3, p[0], 1e-6);
    final float[] cold = Sampler.probabilities(new float[] {0f, 1f}, 0.1f);
    assertTrue(cold[1] > 0.9999f);
    final float[] s = Sampler.probabilities(new float[] {0f, 1f, Float.NEGATIVE_INFINITY}, 1f);
    assertEquals(0f, s[2]);
  }

  @Test
  void suppressBosEos_shouldKeepThemFromBeingChosen() {
    final float[] l = {0f, 9f, 9f, 1f};
    Sampler.suppressBosEos(l);
    assertEquals(3, Sampler.argmax(l));
    assertEquals(0f, Sampler.probabilities(l, 1f)[1]);
  }

  @Test
  void sampling_shouldRejectBadTemperatures() {
    assertThrows(IllegalArgumentException.class, () -> new Sampling(-1f, 0));
    assertThrows(IllegalArgumentException.class, () -> new Sampling(Float.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> Sampling.seeded(0f, 0));
    assertTrue(Sampling.greedy().isGreedy());
    assertFalse(Sampling.seeded(0.7f, 3).isGreedy());
  }

  @Test
  void generate_shouldStopAtBosUnlessSuppressed() {
    // position 3 strongly prefers BOS, otherwise token 5
    final FixedLogitsEngine e = new FixedLogitsEngine(300, pos -> {
      final float[] l = new float[300];
      l[5] = 1f;
      if (pos == 3) {
        l[Sampler.BOS] = 4f;
      }
      return l;
    });
    final int[] free = Generator.generate(e, new int[] {1, 7}, 10, Sampling.greedy(), false, null);
    assertArrayEquals(new int[] {5, 5}, free);
    final int[] exact = Generator.generate(e, new int[] {1, 7}, 10, Sampling.greedy(), true, null);
    assertEquals(10, exact.length);
    assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, exact);
  }

  @Test
  void generateSteps_shouldCountPromptAsRunCDoes() {
    final FixedLogitsEngine e = new FixedLogitsEngine(300, pos -> {
      final float[] l = new float[300];
      l[10 + pos] = 1f;
      return l;
    });
    // steps 6 with a 3-token prompt: positions 0..5, generated at positions 2..5
    assertArrayEquals(new int[] {12, 13, 14, 15},
        Generator.generateSteps(e, new int[] {1, 50, 51}, 6, Sampling.greedy(), null));
    assertThrows(IllegalArgumentException.class,
        () -> Generator.generate(e, new int[] {1}, 65, Sampling.greedy(), true, null));
  }

  @Test
  void verify_shouldAcceptNearTieWithinTauAndRejectBeyond() {
    // token 7 is argmax; token 8 trails by 0.01 at position 0 and by 0.05 at position 1
    final float[] gaps = {0.01f, 0.05f};
    final FixedLogitsEngine e = new FixedLogitsEngine(300, pos -> {
      final float[] l = new float[300];
      l[7] = 2f;
      l[8] = 2f - gaps[Math.min(pos - 1, 1)];
      return l;
    });
    final Verifier v = new Verifier(e, VerifierConfig.defaults());
    final VerificationResult tie = v.verify(new int[] {1, 9}, new int[] {8}, 1, Sampling.greedy());
    // prompt of 2 → first generated position is prefill row 1
    assertTrue(tie.passed(), tie.reason());
    assertTrue(tie.positions().get(0).nearTie());
    assertEquals(0.01f, tie.positions().get(0).margin(), 1e-6);
    final VerificationResult far =
        v.verify(new int[] {1, 9}, new int[] {7, 8}, 2, Sampling.greedy());
    assertFalse(far.passed());
    assertEquals(1, far.firstFailure().getAsInt());
    final Verifier lenient = new Verifier(e, new VerifierConfig(0.02f, 1e-3f, true, true));
    final VerificationResult tolerated =
        lenient.verify(new int[] {1, 9}, new int[] {7, 8}, 2, Sampling.greedy());
    assertTrue(tolerated.passed(), tolerated.reason());
    assertEquals(1, tolerated.violations());
  }

  @Test
  void verify_shouldUseSeededWindowWithEpsilon() {
    // two tokens with p = 0.5 each: the coin decides; a token just across the boundary within ε passes
    final FixedLogitsEngine e = new FixedLogitsEngine(300, pos -> {
      final float[] l = new float[300];
      java.util.Arrays.fill(l, Float.NEGATIVE_INFINITY);
      l[10] = 0f;
      l[11] = 0f;
      return l;
    });
    long seed = 0;
    while (Math.abs(Sampler.coin(seed, 0) - 0.5f) > 5e-4f) {
      seed++;
    }
    final float u = Sampler.coin(seed, 0);
    final int honest = u < 0.5f ? 10 : 11;
    final int other = 21 - honest;
    final Verifier v = new Verifier(e, VerifierConfig.defaults());
    assertTrue(v.verify(new int[] {1}, new int[] {honest}, 1, Sampling.seeded(1f, seed)).passed());
    final VerificationResult near = v.verify(new int[] {1}, new int[] {other}, 1,
        Sampling.seeded(1f, seed));
    assertTrue(near.passed(), near.reason());
    assertTrue(near.positions().get(0).nearTie());
    final Verifier strict = new Verifier(e, new VerifierConfig(0.02f, 0f, false, true));
    assertFalse(strict.verify(new int[] {1}, new int[] {other}, 1, Sampling.seeded(1f, seed))
        .passed());
  }
}
