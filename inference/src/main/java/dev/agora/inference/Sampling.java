package dev.agora.inference;

/**
 * How the next token is chosen (VERIFICATION.md §2.3): greedy (temperature 0) or seeded sampling at
 * temperature T with the counter-based coin of seed s.
 *
 * @param temperature 0 for greedy, else a positive finite temperature
 * @param seed the sampling seed (ignored for greedy)
 */
public record Sampling(float temperature, long seed) {
  public Sampling {
    if (!(temperature >= 0f) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "temperature must be 0 (greedy) or a positive finite number, got " + temperature);
    }
  }

  /** Greedy decoding: argmax, ties to the lowest id. */
  public static Sampling greedy() {
    return new Sampling(0f, 0L);
  }

  /** Seeded sampling at {@code temperature} (> 0). */
  public static Sampling seeded(final float temperature, final long seed) {
    if (!(temperature > 0f)) {
      throw new IllegalArgumentException("seeded sampling needs temperature > 0, got " + temperature);
    }
    return new Sampling(temperature, seed);
  }

  public boolean isGreedy() {
    return temperature == 0f;
  }
}
