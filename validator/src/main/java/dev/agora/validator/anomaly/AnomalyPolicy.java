package dev.agora.validator.anomaly;

/**
 * How far the anomaly signal may move a score (docs/ANOMALY.md): a bounded multiplicative discount,
 * never a zeroing. Zeroing belongs to failed verification alone (VERIFICATION.md §2.7).
 */
public final class AnomalyPolicy {
  /** The largest reduction any configuration may ask for: the score keeps at least half. */
  public static final double MAX_REDUCTION_CAP = 0.5;

  /** Default largest reduction: at most 20% off. */
  public static final double DEFAULT_MAX_REDUCTION = 0.2;

  private AnomalyPolicy() {}

  /**
   * Score multiplier for a miner over one epoch: 1 − maxReduction · (anomalous / assessed), so it
   * lies in [1 − maxReduction, 1] and is 1 when nothing was assessed.
   *
   * @param anomalous verified answers the model flagged this epoch
   * @param assessed verified answers the model judged this epoch
   * @param maxReduction largest reduction, in [0, {@link #MAX_REDUCTION_CAP}]
   * @throws IllegalArgumentException counts negative or anomalous > assessed, or maxReduction out
   *     of range
   */
  public static double scoreMultiplier(
      final int anomalous, final int assessed, final double maxReduction) {
    if (anomalous < 0 || assessed < 0 || anomalous > assessed) {
      throw new IllegalArgumentException(
          "need 0 <= anomalous <= assessed, got " + anomalous + " of " + assessed);
    }
    if (!(maxReduction >= 0 && maxReduction <= MAX_REDUCTION_CAP)) {
      throw new IllegalArgumentException(
          "maxReduction must be in [0, " + MAX_REDUCTION_CAP + "], got " + maxReduction);
    }
    if (assessed == 0) {
      return 1.0;
    }
    return 1.0 - maxReduction * ((double) anomalous / assessed);
  }
}
