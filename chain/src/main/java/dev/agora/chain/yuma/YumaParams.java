package dev.agora.chain.yuma;

/**
 * The hyperparameters one epoch reads (yuma/SPEC.md §2 and §8), in the chain's own encodings.
 *
 * @param tempo blocks between epochs (used for the bonds registration mask when {@code
 *     lastMechanismStepBlock} is 0)
 * @param activityCutoffBlocks the effective activity cutoff in blocks; see {@link
 *     #activityCutoffFromFactor(long, long)}
 * @param kappaU16 consensus majority as u16 (kappa = kappaU16/65535; default 32767)
 * @param bondsMovingAverage bonds EMA memory in parts per million (default 900000, alpha = 0.1)
 * @param bondsPenaltyU16 beta as u16 (65535 = 1.0: bonds use clipped weights)
 * @param yuma3 Yuma3 (absolute bonds, stake at the dividend step) instead of original Yuma
 * @param liquidAlpha per-(validator, miner) sigmoid alpha; only has an effect with {@code yuma3}
 * @param alphaLowU16 liquid-alpha lower bound as u16 (default 45875 = 0.7)
 * @param alphaHighU16 liquid-alpha upper bound as u16 (default 58982 = 0.9)
 * @param alphaSigmoidSteepness liquid-alpha steepness (i16; default 1000)
 * @param maxAllowedValidators top-k size for validator permits
 * @param stakeThreshold stake (rao) below which a uid's stake counts as 0 (owner exempt)
 * @param commitRevealEnabled whether the commit-reveal column mask applies
 */
public record YumaParams(
    long tempo,
    long activityCutoffBlocks,
    int kappaU16,
    long bondsMovingAverage,
    int bondsPenaltyU16,
    boolean yuma3,
    boolean liquidAlpha,
    int alphaLowU16,
    int alphaHighU16,
    int alphaSigmoidSteepness,
    int maxAllowedValidators,
    long stakeThreshold,
    boolean commitRevealEnabled) {

  /** Default tempo of the reference chain. */
  public static final long DEFAULT_TEMPO = 360;
  /** Default activity cutoff factor, per mille of tempo (13889 → 5000 blocks at tempo 360). */
  public static final long DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI = 13889;
  /** Default kappa (0.49999237). */
  public static final int DEFAULT_KAPPA_U16 = 32767;
  /** Default bonds moving average (ppm). */
  public static final long DEFAULT_BONDS_MOVING_AVERAGE = 900_000;
  /** Default bonds penalty (beta = 1). */
  public static final int DEFAULT_BONDS_PENALTY_U16 = 65535;
  /** Default liquid-alpha low bound (0.7). */
  public static final int DEFAULT_ALPHA_LOW_U16 = 45875;
  /** Default liquid-alpha high bound (0.9). */
  public static final int DEFAULT_ALPHA_HIGH_U16 = 58982;
  /** Default sigmoid steepness. */
  public static final int DEFAULT_ALPHA_SIGMOID_STEEPNESS = 1000;
  /** Default max validators for a new subnet. */
  public static final int DEFAULT_MAX_ALLOWED_VALIDATORS = 64;

  /** Validates ranges; throws IllegalArgumentException naming the bad field. */
  public YumaParams {
    requireU16("kappaU16", kappaU16);
    requireU16("bondsPenaltyU16", bondsPenaltyU16);
    requireU16("alphaLowU16", alphaLowU16);
    requireU16("alphaHighU16", alphaHighU16);
    if (tempo < 0) {
      throw new IllegalArgumentException("tempo must be >= 0, got " + tempo);
    }
    if (activityCutoffBlocks < 0) {
      throw new IllegalArgumentException(
          "activityCutoffBlocks must be >= 0, got " + activityCutoffBlocks);
    }
    if (bondsMovingAverage < 0) {
      throw new IllegalArgumentException(
          "bondsMovingAverage must be >= 0 (ppm), got " + bondsMovingAverage);
    }
    if (alphaSigmoidSteepness < Short.MIN_VALUE || alphaSigmoidSteepness > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          "alphaSigmoidSteepness must fit an i16, got " + alphaSigmoidSteepness);
    }
    if (maxAllowedValidators < 0 || maxAllowedValidators > 65535) {
      throw new IllegalArgumentException(
          "maxAllowedValidators must be a u16, got " + maxAllowedValidators);
    }
    if (stakeThreshold < 0) {
      throw new IllegalArgumentException("stakeThreshold must be >= 0, got " + stakeThreshold);
    }
  }

  /**
   * The simulator default suggested by SPEC §7: Yuma3 on, liquid alpha off, bma 900000, beta 1,
   * kappa 32767, tempo 360, cutoff 5000 blocks, 64 validators, no stake threshold, commit-reveal
   * off.
   */
  public static YumaParams defaults() {
    return new YumaParams(
        DEFAULT_TEMPO,
        activityCutoffFromFactor(DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI, DEFAULT_TEMPO),
        DEFAULT_KAPPA_U16,
        DEFAULT_BONDS_MOVING_AVERAGE,
        DEFAULT_BONDS_PENALTY_U16,
        true,
        false,
        DEFAULT_ALPHA_LOW_U16,
        DEFAULT_ALPHA_HIGH_U16,
        DEFAULT_ALPHA_SIGMOID_STEEPNESS,
        DEFAULT_MAX_ALLOWED_VALIDATORS,
        0,
        false);
  }

  /** The effective cutoff {@code max(1, factorMilli * tempo / 1000)} of SPEC §2. */
  public static long activityCutoffFromFactor(final long factorMilli, final long tempo) {
    return Math.max(1, Math.multiplyExact(factorMilli, tempo) / 1000);
  }

  /** A copy with Yuma3 switched. */
  public YumaParams withYuma3(final boolean on) {
    return new YumaParams(
        tempo, activityCutoffBlocks, kappaU16, bondsMovingAverage, bondsPenaltyU16, on,
        liquidAlpha, alphaLowU16, alphaHighU16, alphaSigmoidSteepness, maxAllowedValidators,
        stakeThreshold, commitRevealEnabled);
  }

  /** A copy with another validator count. */
  public YumaParams withMaxAllowedValidators(final int k) {
    return new YumaParams(
        tempo, activityCutoffBlocks, kappaU16, bondsMovingAverage, bondsPenaltyU16, yuma3,
        liquidAlpha, alphaLowU16, alphaHighU16, alphaSigmoidSteepness, k, stakeThreshold,
        commitRevealEnabled);
  }

  private static void requireU16(final String name, final int v) {
    if (v < 0 || v > 65535) {
      throw new IllegalArgumentException(name + " must be a u16 (0..65535), got " + v);
    }
  }
}
