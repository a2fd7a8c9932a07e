package dev.agora.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Checks an answer by one teacher-forced prefill over prompt ‖ answer[0..N−2] (VERIFICATION.md §2.4):
 * greedy answers by the margin rule, seeded answers by the CDF window. Each position is conditioned on
 * the answer's own prefix, so one legitimate near-tie flip does not cascade.
 */
public final class Verifier {
  private final InferenceEngine engine;
  private final VerifierConfig config;

  public Verifier(final InferenceEngine engine, final VerifierConfig config) {
    this.engine = engine;
    this.config = config;
  }

  public VerifierConfig config() {
    return config;
  }

  /**
   * Verifies {@code answer} for {@code prompt} under {@code sampling}.
   *
   * @param expectedTokens the N the challenge asked for; another length fails
   */
  public VerificationResult verify(
      final int[] prompt, final int[] answer, final int expectedTokens, final Sampling sampling) {
    final ModelConfig cfg = engine.config();
    if (prompt.length == 0) {
      return VerificationResult.rejected("empty prompt");
    }
    if (expectedTokens < 1) {
      return VerificationResult.rejected("expected length must be >= 1, got " + expectedTokens);
    }
    if (answer.length != expectedTokens) {
      return VerificationResult.rejected(
          "wrong length: " + answer.length + " tokens, expected " + expectedTokens);
    }
    if ((long) prompt.length + answer.length - 1 > cfg.seqLen()) {
      return VerificationResult.rejected("prompt + answer exceed seq_len " + cfg.seqLen());
    }
    for (final int t : prompt) {
      if (t < 0 || t >= cfg.vocabSize()) {
        return VerificationResult.rejected("prompt token id " + t + " outside the vocabulary");
      }
    }
    for (int i = 0; i < answer.length; i++) {
      final int t = answer[i];
      if (t < 0 || t >= cfg.vocabSize()) {
        return VerificationResult.rejected(
            "answer token id " + t + " at position " + i + " outside the vocabulary");
      }
      if (config.suppressBosEos() && (t == Sampler.BOS || t == Sampler.EOS)) {
        return VerificationResult.rejected(
            "suppressed token " + t + " (BOS/EOS) at position " + i);
      }
    }
    final int[] seq = new int[prompt.length + answer.length - 1];
    System.arraycopy(prompt, 0, seq, 0, prompt.length);
    System.arraycopy(answer, 0, seq, prompt.length, answer.length - 1);
    final float[][] logits = engine.prefill(seq, prompt.length - 1);
    final List<PositionResult> results = new ArrayList<>(answer.length);
    int violations = 0;
    int first = -1;
    for (int i = 0; i < answer.length; i++) {
      final float[] l = logits[i];
      if (config.suppressBosEos()) {
        Sampler.suppressBosEos(l);
      }
      final PositionResult r = sampling.isGreedy()
          ? checkGreedy(i, answer[i], l)
          : checkSeeded(i, answer[i], l, sampling);
      if (!r.pass()) {
        violations++;
        if (first < 0) {
          first = i;
        }
      }
      results.add(r);
    }
    final int allowed = config.allowRareViolations() ? (answer.length + 255) / 256 : 0;
    final boolean passed = violations <= allowed;
    final String reason;
    if (violations == 0) {
      reason = "ok";
    } else if (passed) {
      reason = "ok with " + violations + " tolerated violation(s), first at position " + first;
    } else {
      final PositionResult f = results.get(first);
      reason = violations + " position(s) out of tolerance, first at " + first + " (token "
          + f.token() + ", validator " + f.validatorToken() + ", margin " + f.margin() + ")";
    }
    return new VerificationResult(passed, reason,
        first < 0 ? OptionalInt.empty() : OptionalInt.of(first), violations, results);
  }

  private PositionResult checkGreedy(final int i, final int token, final float[] l) {
    int best = 0;
    int second = -1;
    for (int j = 1; j < l.length; j++) {
      if (l[j] > l[best]) {
        second = best;
        best = j;
      } else if (second < 0 || l[j] > l[second]) {
        second = j;
      }
    }
    final float margin = l[best] - l[token];
    final boolean pass = margin <= config.tau();
    final float gap = second < 0 ? Float.POSITIVE_INFINITY : l[best] - l[second];
    final boolean nearTie = gap <= config.tau() || (token != best && pass);
    return new PositionResult(i, token, best, margin, pass, nearTie);
  }

  private PositionResult checkSeeded(
      final int i, final int token, final float[] l, final Sampling sampling) {
    final float[] p = Sampler.probabilitiesScratch(l, sampling.temperature());
    final float u = Sampler.coin(sampling.seed(), i);
    float below = 0f;
    for (int j = 0; j < token; j++) {
      below += p[j];
    }
    final float upTo = below + p[token];
    final float eps = config.epsilon();
    final boolean pass = below - eps <= u && u < upTo + eps;
    final float margin = Math.max(below - u, u - upTo);
    final boolean nearTie = Math.abs(margin) <= eps;
    return new PositionResult(i, token, Sampler.sampleCdf(p, u), margin, pass, nearTie);
  }
}
