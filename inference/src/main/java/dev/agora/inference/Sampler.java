package dev.agora.inference;

/**
 * The deterministic token choice rules of VERIFICATION.md §2.3, shared by generation and verification.
 */
public final class Sampler {
  /** Beginning-of-sequence token id (llama2.c). */
  public static final int BOS = 1;
  /** End-of-sequence token id (llama2.c). */
  public static final int EOS = 2;
  /** Per-thread probabilities for seeded choices and checks (see probabilitiesScratch). */
  private static final ThreadLocal<float[]> PROBS = ThreadLocal.withInitial(() -> new float[0]);

  private Sampler() {}

  /** Argmax with strict {@code >}, so ties go to the lowest id. */
  public static int argmax(final float[] logits) {
    int best = 0;
    float max = logits[0];
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > max) {
        max = logits[i];
        best = i;
      }
    }
    return best;
  }

  /**
   * The coin for generated position {@code i} (0-based): {@code (mix(s + (i+1)·γ) >>> 40) / 2^24}, an
   * exact float in [0, 1).
   */
  public static float coin(final long seed, final int i) {
    return SeededWeights.uniform(seed, i);
  }

  /** Sets the BOS and EOS logits to −∞ in place (challenges use exact-length answers). */
  public static void suppressBosEos(final float[] logits) {
    if (logits.length > BOS) {
      logits[BOS] = Float.NEGATIVE_INFINITY;
    }
    if (logits.length > EOS) {
      logits[EOS] = Float.NEGATIVE_INFINITY;
    }
  }

  /** softmax(logits / T) in fp32, max-subtracted, as a new array. */
  public static float[] probabilities(final float[] logits, final float temperature) {
    return probabilities(logits, temperature, new float[logits.length]);
  }

  /**
   * {@link #probabilities(float[], float)} into this thread's reusable array of the same length
   * (valid until the thread's next call): decoding and verifying with seeded sampling then
   * allocate nothing per position.
   */
  static float[] probabilitiesScratch(final float[] logits, final float temperature) {
    float[] p = PROBS.get();
    if (p.length != logits.length) {
      p = new float[logits.length];
      PROBS.set(p);
    }
    return probabilities(logits, temperature, p);
  }

  private static float[] probabilities(
      final float[] logits, final float temperature, final float[] p) {
    final int n = logits.length;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      p[i] = logits[i] / temperature;
      if (p[i] > max) {
        max = p[i];
      }
    }
    ExpMath.expInPlace(p, 0, n, -max);
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** The smallest id t with CDF(t) > u, the CDF summed in id order; the last id if none. */
  public static int sampleCdf(final float[] probs, final float u) {
    float cdf = 0f;
    for (int i = 0; i < probs.length; i++) {
      cdf += probs[i];
      if (u < cdf) {
        return i;
      }
    }
    return probs.length - 1;
  }

  /**
   * The token chosen at generated position {@code i} from {@code logits} (already suppressed if
   * needed) under {@code sampling}.
   */
  public static int choose(final float[] logits, final Sampling sampling, final int i) {
    if (sampling.isGreedy()) {
      return argmax(logits);
    }
    return sampleCdf(
        probabilitiesScratch(logits, sampling.temperature()), coin(sampling.seed(), i));
  }
}
