package dev.agora.validator.scoring;

/**
 * Constants of VERIFICATION.md §2.6–2.7.
 *
 * @param emaAlpha weight of the newest round score in the reputation EMA, (0, 1]
 * @param window verified samples kept per miner for the percentiles
 * @param penaltyEpochs W: epochs a proven failure zeroes the miner
 * @param rampEpochs epochs a new hotkey is scaled down
 * @param rampFactor the scale during the ramp
 * @param speedWeight weight of the speed rank; the first-token rank gets 1 - speedWeight
 * @param speedPercentile percentile of decode tps taken as the miner's speed
 * @param ttftPercentile percentile of TTFT taken as the miner's first-token latency
 */
public record ScoringParams(
    double emaAlpha,
    int window,
    int penaltyEpochs,
    int rampEpochs,
    double rampFactor,
    double speedWeight,
    double speedPercentile,
    double ttftPercentile) {

  public static final ScoringParams DEFAULTS = new ScoringParams(0.3, 32, 8, 8, 0.25, 0.7, 30, 70);

  public ScoringParams {
    if (!(emaAlpha > 0 && emaAlpha <= 1)) {
      throw new IllegalArgumentException("emaAlpha must be in (0, 1], got " + emaAlpha);
    }
    if (window < 1 || penaltyEpochs < 0 || rampEpochs < 0) {
      throw new IllegalArgumentException("window >= 1, penaltyEpochs >= 0 and rampEpochs >= 0 required");
    }
    if (!(rampFactor > 0 && rampFactor <= 1) || !(speedWeight >= 0 && speedWeight <= 1)) {
      throw new IllegalArgumentException("rampFactor in (0, 1] and speedWeight in [0, 1] required");
    }
  }
}
