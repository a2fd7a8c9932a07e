package dev.agora.validator.node;

import dev.agora.validator.anomaly.AnomalyDetector;
import dev.agora.validator.anomaly.AnomalyModel;
import dev.agora.validator.anomaly.AnomalyPolicy;
import dev.agora.validator.anomaly.AnomalyVerdict;
import dev.agora.validator.anomaly.TimingFeatures;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Wires one validator's shared timing {@link AnomalyDetector} into its rounds (docs/ANOMALY.md): each
 * verified answer is assessed before it is observed, flagged answers are counted per miner and epoch and
 * logged, and the epoch's share of flagged answers becomes a bounded score multiplier
 * ({@link AnomalyPolicy#scoreMultiplier}). It never changes a verdict and never zeroes a miner.
 * Thread-safe: answers are judged concurrently on the verification workers.
 */
public final class AnomalyTracker {
  private static final Logger LOG = Logger.getLogger(AnomalyTracker.class.getName());

  /** One miner's counts in one epoch. */
  private record Tally(String hotkey, long epoch, int anomalous, int assessed) {}

  private final AnomalyDetector detector;
  private final int netuid;
  private final double maxReduction;
  private final int retrainRounds;
  private final int minSamples;
  private final ValidatorMetrics metrics;
  private final Map<Integer, Tally> tallies = new HashMap<>();
  private final AtomicInteger roundsSinceRetrain = new AtomicInteger();

  /**
   * @param detector the validator's one shared detector
   * @param maxReduction largest share of a score taken off, in [0, {@link AnomalyPolicy#MAX_REDUCTION_CAP}]
   * @param retrainRounds rounds between retrainings
   * @param minSamples answers the detector needs before its first model
   */
  public AnomalyTracker(final AnomalyDetector detector, final int netuid, final double maxReduction,
      final int retrainRounds, final int minSamples, final ValidatorMetrics metrics) {
    AnomalyPolicy.scoreMultiplier(0, 0, maxReduction);
    if (retrainRounds < 1) {
      throw new IllegalArgumentException("retrainRounds must be >= 1, got " + retrainRounds);
    }
    this.detector = detector;
    this.netuid = netuid;
    this.maxReduction = maxReduction;
    this.retrainRounds = retrainRounds;
    this.minSamples = minSamples;
    this.metrics = metrics;
  }

  /**
   * Judges one answer that passed the checks, then adds it to the training window when it was verified
   * by prefill. Answers whose timing cannot be featurised (e.g. one token) are skipped.
   *
   * @param verified whether the prefill verification ran and passed (only those train the model)
   * @return the verdict, empty while no model is trained
   */
  public Optional<AnomalyVerdict> onPassed(final int uid, final String hotkey, final long epoch,
      final RawAnswer raw, final boolean verified) {
    final TimingFeatures features;
    try {
      features = TimingFeatures.fromArrivals(raw.sentNanos(), raw.arrivalNanos());
    } catch (final IllegalArgumentException e) {
      return Optional.empty();
    }
    final Optional<AnomalyVerdict> verdict = detector.assess(features);
    verdict.ifPresent(v -> {
      synchronized (tallies) {
        final Tally t = tallies.get(uid);
        final boolean same = t != null && t.epoch() == epoch && t.hotkey().equals(hotkey);
        tallies.put(uid, new Tally(hotkey, epoch, (same ? t.anomalous() : 0) + (v.anomalous() ? 1 : 0),
            (same ? t.assessed() : 0) + 1));
      }
      metrics.anomalyAssessed(uid, hotkey, v.anomalous());
      if (v.anomalous()) {
        LOG.info(() -> String.format(java.util.Locale.ROOT,
            "timing anomaly: netuid %d uid %d hotkey %s score %.4f (model of %d answers)", netuid, uid, hotkey,
            v.score(), v.trainingSize()));
      }
    });
    if (verified) {
      detector.observe(features);
    }
    return verdict;
  }

  /** The score multiplier of every uid assessed in this epoch under this hotkey; others are absent (1). */
  public Map<Integer, Double> multipliers(final long epoch, final Map<Integer, String> hotkeys) {
    final Map<Integer, Double> out = new HashMap<>();
    synchronized (tallies) {
      hotkeys.forEach((uid, hotkey) -> {
        final Tally t = tallies.get(uid);
        if (t != null && t.epoch() == epoch && t.hotkey().equals(hotkey)) {
          out.put(uid, AnomalyPolicy.scoreMultiplier(t.anomalous(), t.assessed(), maxReduction));
        }
      });
    }
    return out;
  }

  /** Counts a finished round; true when the model should be retrained now. */
  public boolean roundDone() {
    final int n = roundsSinceRetrain.incrementAndGet();
    final boolean first = detector.model().isEmpty() && detector.windowSize() >= minSamples;
    return first || n >= retrainRounds;
  }

  /** Retrains on the current window; CPU work, call it on a worker pool. */
  public Optional<AnomalyModel> retrain() {
    roundsSinceRetrain.set(0);
    final Optional<AnomalyModel> model = detector.retrain();
    model.ifPresent(m -> {
      metrics.anomalyRetrained();
      LOG.info(() -> "timing anomaly model retrained: netuid " + netuid + ", " + detector.windowSize()
          + " answers in the window");
      LOG.fine(m::provenanceJson);
    });
    return model;
  }

  /** The detector (for its model's provenance). */
  public AnomalyDetector detector() {
    return detector;
  }
}
