package dev.agora.inference;

/**
 * The seeded checkpoint recipe of oracles/README.md: payload float k is a SplitMix64 draw of
 * {@code seed + (k+1)·γ}, mapped to [-amp, amp); RMSNorm weights are 1 and the legacy RoPE tables 0.
 */
public final class SeededWeights implements TensorSource {
  /** The SplitMix64 increment (golden ratio), also the counter step of the sampler (§2.3). */
  public static final long GAMMA = 0x9E3779B97F4A7C15L;

  private final ModelConfig config;
  private final long seed;
  private final float amp;

  public SeededWeights(final ModelConfig config, final long seed, final float amp) {
    if (!(amp > 0f) || Float.isInfinite(amp)) {
      throw new IllegalArgumentException("amp must be a positive finite number, got " + amp);
    }
    this.config = config;
    this.seed = seed;
    this.amp = amp;
  }

  /** The SplitMix64 finalizer (steps 2–4 of the recipe). */
  public static long mix(final long z0) {
    long z = (z0 ^ (z0 >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The uniform draw in [0, 1) for counter {@code k}: {@code (mix(seed + (k+1)·γ) >>> 40) / 2^24}. */
  public static float uniform(final long seed, final long k) {
    return (float) (mix(seed + (k + 1) * GAMMA) >>> 40) / 16777216f;
  }

  /** The raw (before norm and RoPE overrides) value of payload float {@code k}. */
  public static float raw(final long seed, final float amp, final long k) {
    return (2f * uniform(seed, k) - 1f) * amp;
  }

  @Override
  public void fill(final Tensor t, final int layer, final long from, final float[] dst, final int len) {
    switch (t) {
      case RMS_ATT, RMS_FFN, RMS_FINAL -> java.util.Arrays.fill(dst, 0, len, 1.0f);
      case FREQ_CIS_REAL, FREQ_CIS_IMAG -> java.util.Arrays.fill(dst, 0, len, 0.0f);
      default -> {
        final long base = t.payloadOffset(config, layer) + from;
        for (int i = 0; i < len; i++) {
          dst[i] = raw(seed, amp, base + i);
        }
      }
    }
  }
}
