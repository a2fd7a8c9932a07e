package dev.agora.validator.anomaly;

/**
 * Settings of the timing anomaly model.
 *
 * @param windowSize most recent observed answers kept for training (oldest dropped first)
 * @param minSamples answers needed before a model is trained; until then {@code assess} is empty
 * @param nu one-class SVM ν: upper bound on the share of training answers left outside the boundary
 *     and lower bound on the share of support vectors, in (0, 1)
 * @param gamma RBF kernel width on standardised inputs, k(x, y) = exp(−γ·|x − y|²), > 0
 * @param seed seed handed to the Tribuo trainer
 */
public record AnomalyConfig(int windowSize, int minSamples, double nu, double gamma, long seed) {

  /** Default window: about a few epochs of answers from one validator. */
  public static final int DEFAULT_WINDOW_SIZE = 512;

  /** Default minimum: below this the honest cloud is too thin to judge by. */
  public static final int DEFAULT_MIN_SAMPLES = 64;

  /** Default ν, chosen with the synthetic benchmark in docs/ANOMALY.md. */
  public static final double DEFAULT_NU = 0.01;

  /**
   * Default γ for six standardised inputs, chosen with the synthetic benchmark in docs/ANOMALY.md.
   */
  public static final double DEFAULT_GAMMA = 0.05;

  /** Default trainer seed. */
  public static final long DEFAULT_SEED = 42L;

  /** Validates every field. */
  public AnomalyConfig {
    if (minSamples < 2) {
      throw new IllegalArgumentException("minSamples must be >= 2, got " + minSamples);
    }
    if (windowSize < minSamples) {
      throw new IllegalArgumentException(
          "windowSize (" + windowSize + ") must be >= minSamples (" + minSamples + ")");
    }
    if (!(nu > 0 && nu < 1)) {
      throw new IllegalArgumentException("nu must be in (0, 1), got " + nu);
    }
    if (!(gamma > 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("gamma must be finite and > 0, got " + gamma);
    }
  }

  /** The defaults. */
  public static AnomalyConfig defaults() {
    return new AnomalyConfig(
        DEFAULT_WINDOW_SIZE, DEFAULT_MIN_SAMPLES, DEFAULT_NU, DEFAULT_GAMMA, DEFAULT_SEED);
  }
}
