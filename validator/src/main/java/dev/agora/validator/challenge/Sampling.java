package dev.agora.validator.challenge;

/**
 * The sampling rule of one challenge: greedy, or seeded sampling at a temperature
 * (VERIFICATION.md §2.3). No top-p or top-k in challenges.
 *
 * @param greedy true for argmax decoding; temperature and seed are then ignored (0)
 * @param temperature the softmax temperature, in (0, 2] when sampling
 * @param seed the counter-based coin seed
 */
public record Sampling(boolean greedy, float temperature, long seed) {

  public Sampling {
    if (!greedy && !(temperature > 0f && temperature <= 2f)) {
      throw new IllegalArgumentException("temperature must be in (0, 2] when sampling, got " + temperature);
    }
  }

  public static Sampling greedyDecoding() {
    return new Sampling(true, 0f, 0L);
  }

  public static Sampling seeded(final float temperature, final long seed) {
    return new Sampling(false, temperature, seed);
  }
}
