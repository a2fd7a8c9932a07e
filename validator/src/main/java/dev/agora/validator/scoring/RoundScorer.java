package dev.agora.validator.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds one round's outcomes into the miners' records (VERIFICATION.md §2.6–2.7):
 *
 * <ul>
 *   <li>only verified answers enter a miner's sample window; an answer flagged stream-then-dump is
 *       rated by its whole duration (N / e2e, see {@link Latency#measure}), so dumping gains nothing;
 *   <li>speed = p30(decode tps) and ttft = p70(TTFT) over the window;
 *   <li>round score = pass_gate × (0.7·rank(speed) + 0.3·rank(−ttft)) × ramp, ranks in (0, 1] among
 *       the miners that gave a verified answer this round (best 1, worst 1/n, ties averaged);
 *   <li>a proven failure zeroes the miner for W epochs and resets its history (ramp included);
 *   <li>a new hotkey (or one coming out of a penalty) is scaled by the ramp factor for its first epochs;
 *   <li>reputation = EMA of round scores; a miner with no usable answer scores 0 this round.
 * </ul>
 */
public final class RoundScorer {
  /** The smallest multiplier {@link #score(long, List, Map, Map)} accepts (AnomalyPolicy's cap: half off). */
  public static final double MIN_MULTIPLIER = 0.5;

  private final ScoringParams params;

  public RoundScorer(final ScoringParams params) {
    this.params = params;
  }

  public ScoringParams params() {
    return params;
  }

  /**
   * @param epoch the current epoch
   * @param challenged every miner challenged this round, at most once per uid
   * @param prior the validator's records by uid (a record with another hotkey is replaced)
   */
  public RoundResult score(
      final long epoch, final List<ChallengedMiner> challenged, final Map<Integer, MinerRecord> prior) {
    return score(epoch, challenged, prior, Map.of());
  }

  /**
   * As {@link #score(long, List, Map)}, with a multiplier per uid applied to the round score before the
   * EMA: the timing anomaly discount of docs/ANOMALY.md. Each must lie in [0.5, 1] (the policy's cap),
   * so it never zeroes a miner and never touches a verdict or a penalty; a missing uid means 1.
   */
  public RoundResult score(
      final long epoch, final List<ChallengedMiner> challenged, final Map<Integer, MinerRecord> prior,
      final Map<Integer, Double> multipliers) {
    for (final var e : multipliers.entrySet()) {
      if (!(e.getValue() >= MIN_MULTIPLIER && e.getValue() <= 1.0)) {
        throw new IllegalArgumentException("multiplier of uid " + e.getKey() + " must be in [" + MIN_MULTIPLIER
            + ", 1], got " + e.getValue());
      }
    }
    final Map<Integer, MinerRecord> next = new HashMap<>();
    final List<Integer> eligible = new ArrayList<>();
    for (final ChallengedMiner m : challenged) {
      if (next.containsKey(m.uid())) {
        throw new IllegalArgumentException("uid " + m.uid() + " challenged twice in one round");
      }
      final MinerRecord before = current(prior, m, epoch);
      final AnswerOutcome o = m.outcome();
      final MinerRecord after;
      switch (o.verdict()) {
        case FAIL -> after = new MinerRecord(
            m.hotkey(), 0.0, epoch + params.penaltyEpochs(), epoch + params.penaltyEpochs(), List.of(),
            before.passes(), before.failures() + 1);
        case PASS -> {
          final List<Sample> samples = new ArrayList<>(before.samples());
          samples.add(new Sample(o.ttftMs(), o.decodeTps()));
          while (samples.size() > params.window()) {
            samples.remove(0);
          }
          after = new MinerRecord(m.hotkey(), before.reputation(), before.firstSeenEpoch(),
              before.penaltyUntilEpoch(), samples, before.passes() + 1, before.failures());
          if (!after.penalized(epoch)) {
            eligible.add(m.uid());
          }
        }
        default -> after = before;
      }
      next.put(m.uid(), after);
    }

    final Map<Integer, Double> raw = rankScores(eligible, next);
    final Map<Integer, Double> scores = new HashMap<>();
    for (final ChallengedMiner m : challenged) {
      final MinerRecord r = next.get(m.uid());
      double s = raw.getOrDefault(m.uid(), 0.0);
      if (r.penalized(epoch)) {
        s = 0.0;
      } else if (epoch - r.firstSeenEpoch() < params.rampEpochs()) {
        s *= params.rampFactor();
      }
      s *= multipliers.getOrDefault(m.uid(), 1.0);
      scores.put(m.uid(), s);
      final double rep = r.penalized(epoch)
          ? 0.0
          : clamp01((1 - params.emaAlpha()) * r.reputation() + params.emaAlpha() * s);
      next.put(m.uid(), new MinerRecord(r.hotkey(), rep, r.firstSeenEpoch(), r.penaltyUntilEpoch(),
          r.samples(), r.passes(), r.failures()));
    }
    return new RoundResult(next, scores);
  }

  private static MinerRecord current(
      final Map<Integer, MinerRecord> prior, final ChallengedMiner m, final long epoch) {
    return Optional.ofNullable(prior.get(m.uid()))
        .filter(r -> r.hotkey().equals(m.hotkey()))
        .orElseGet(() -> MinerRecord.fresh(m.hotkey(), epoch));
  }

  private Map<Integer, Double> rankScores(final List<Integer> eligible, final Map<Integer, MinerRecord> records) {
    final int n = eligible.size();
    final double[] speed = new double[n];
    final double[] negTtft = new double[n];
    for (int i = 0; i < n; i++) {
      final List<Sample> w = records.get(eligible.get(i)).samples();
      speed[i] = Latency.percentile(w.stream().mapToDouble(Sample::decodeTps).map(RoundScorer::finiteOrMax).toArray(),
          params.speedPercentile());
      negTtft[i] = -Latency.percentile(w.stream().mapToDouble(Sample::ttftMs).toArray(), params.ttftPercentile());
    }
    final double[] rs = ranks(speed);
    final double[] rt = ranks(negTtft);
    final Map<Integer, Double> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(eligible.get(i), params.speedWeight() * rs[i] + (1 - params.speedWeight()) * rt[i]);
    }
    return out;
  }

  /** Rank of each value scaled to (0, 1]: the largest gets 1, the smallest 1/n, ties share the mean rank. */
  static double[] ranks(final double[] values) {
    final int n = values.length;
    final double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int below = 0;
      int equal = 0;
      for (int j = 0; j < n; j++) {
        final double vi = sanitize(values[i]);
        final double vj = sanitize(values[j]);
        if (vj < vi) {
          below++;
        } else if (vj == vi) {
          equal++;
        }
      }
      // ranks below+1 .. below+equal, averaged
      out[i] = (below + (equal + 1) / 2.0) / n;
    }
    return out;
  }

  private static double sanitize(final double v) {
    return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
  }

  private static double finiteOrMax(final double v) {
    return Double.isInfinite(v) && v > 0 ? Double.MAX_VALUE : v;
  }

  private static double clamp01(final double v) {
    return Math.max(0.0, Math.min(1.0, v));
  }
}
