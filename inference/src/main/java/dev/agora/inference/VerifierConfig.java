package dev.agora.inference;

/**
 * Tolerances of the verifier (VERIFICATION.md §2.4–2.5).
 *
 * @param tau greedy margin tolerance in nats: a position passes iff max logit − chosen logit ≤ τ
 * @param epsilon seeded window slack in probability units
 * @param allowRareViolations when true, up to ⌈N/256⌉ violating positions still pass (logged as such)
 * @param suppressBosEos whether BOS/EOS were suppressed (challenges): they must not appear, and the
 *     validator's logits are suppressed the same way
 */
public record VerifierConfig(
    float tau, float epsilon, boolean allowRareViolations, boolean suppressBosEos) {
  public static final float DEFAULT_TAU = 0.02f;
  public static final float DEFAULT_EPSILON = 1e-3f;

  public VerifierConfig {
    if (!(tau >= 0f) || Float.isInfinite(tau)) {
      throw new IllegalArgumentException("tau must be a finite number >= 0, got " + tau);
    }
    if (!(epsilon >= 0f) || epsilon >= 1f) {
      throw new IllegalArgumentException("epsilon must be in [0, 1), got " + epsilon);
    }
  }

  /** τ = 0.02, ε = 1e-3, no violations allowed, BOS/EOS suppressed (the challenge setting). */
  public static VerifierConfig defaults() {
    return new VerifierConfig(DEFAULT_TAU, DEFAULT_EPSILON, false, true);
  }
}
