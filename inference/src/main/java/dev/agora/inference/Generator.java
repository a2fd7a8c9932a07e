package dev.agora.inference;

import java.util.Arrays;

/**
 * Autoregressive generation on an {@link InferenceEngine}: the prompt is fed position by position,
 * then tokens are chosen by {@link Sampler#choose} (coin index = generated position).
 */
public final class Generator {
  /** Receives each generated token as soon as it is chosen (for streaming). */
  @FunctionalInterface
  public interface TokenListener {
    void onToken(int index, int token);
  }

  private Generator() {}

  /**
   * Generates up to {@code maxNewTokens} tokens after {@code prompt}.
   *
   * <p>With {@code suppressBosEos} (challenges) exactly {@code maxNewTokens} tokens come back, BOS and
   * EOS never among them. Without it, generation stops early (as run.c does) when BOS is chosen; the
   * BOS is not returned.
   *
   * @throws IllegalArgumentException when the prompt is empty or prompt + answer exceed seq_len
   */
  public static int[] generate(
      final InferenceEngine engine,
      final int[] prompt,
      final int maxNewTokens,
      final Sampling sampling,
      final boolean suppressBosEos,
      final TokenListener listener) {
    if (prompt.length == 0) {
      throw new IllegalArgumentException("the prompt needs at least one token (BOS)");
    }
    if (maxNewTokens < 0) {
      throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
    }
    final int seqLen = engine.config().seqLen();
    if ((long) prompt.length + maxNewTokens - 1 > seqLen) {
      throw new IllegalArgumentException("prompt of " + prompt.length + " tokens plus "
          + maxNewTokens + " new tokens exceeds seq_len " + seqLen);
    }
    final int[] out = new int[maxNewTokens];
    if (maxNewTokens == 0) {
      return out;
    }
    try (InferenceEngine.Session s = engine.newSession()) {
      float[] logits = null;
      for (final int t : prompt) {
        logits = s.forward(t);
      }
      for (int i = 0; i < maxNewTokens; i++) {
        if (i > 0) {
          logits = s.forward(out[i - 1]);
        }
        if (suppressBosEos) {
          Sampler.suppressBosEos(logits);
        }
        final int next = Sampler.choose(logits, sampling, i);
        if (!suppressBosEos && next == Sampler.BOS) {
          return Arrays.copyOf(out, i);
        }
        out[i] = next;
        if (listener != null) {
          listener.onToken(i, next);
        }
      }
    }
    return out;
  }

  /**
   * run.c's meaning of {@code steps}: positions in all, prompt included, capped at seq_len; generates
   * {@code steps - prompt.length + 1} tokens (none if the prompt is longer), stopping at BOS.
   */
  public static int[] generateSteps(
      final InferenceEngine engine,
      final int[] prompt,
      final int steps,
      final Sampling sampling,
      final TokenListener listener) {
    final int seqLen = engine.config().seqLen();
    final int total = steps <= 0 || steps > seqLen ? seqLen : steps;
    final int n = Math.max(0, total - prompt.length + 1);
    return generate(engine, prompt, n, sampling, false, listener);
  }
}
